namespace SuperConvergence.Core.Search;

/// <summary>
/// The surrogate codec of <see cref="TrainingProposal"/> where a field or a call declares that subtype itself; a field
/// declared <see cref="TrialProposal"/> goes through <see cref="TrialProposalCodec"/> instead.
/// </summary>
[RegisterConverter]
internal sealed class TrainingProposalConverter : IConverter<TrainingProposal, StoredTrialProposal>
{
    public TrainingProposal ConvertFromSurrogate(in StoredTrialProposal surrogate) => (TrainingProposal)surrogate.ToProposal();

    public StoredTrialProposal ConvertToSurrogate(in TrainingProposal value) => StoredTrialProposal.Of(value);
}

/// <summary>The surrogate codec of <see cref="RangeTestProposal"/> declared as itself (see <see cref="TrainingProposalConverter"/>).</summary>
[RegisterConverter]
internal sealed class RangeTestProposalConverter : IConverter<RangeTestProposal, StoredTrialProposal>
{
    public RangeTestProposal ConvertFromSurrogate(in StoredTrialProposal surrogate) => (RangeTestProposal)surrogate.ToProposal();

    public StoredTrialProposal ConvertToSurrogate(in RangeTestProposal value) => StoredTrialProposal.Of(value);
}
