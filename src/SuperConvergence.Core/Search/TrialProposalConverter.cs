namespace SuperConvergence.Core.Search;

/// <summary>
/// Orleans' surrogate codecs for the proposal hierarchy, all through <see cref="StoredTrialProposal"/>. Orleans picks
/// a codec by the runtime type, so each subtype has its own (a subtype in a field declared <see cref="TrialProposal"/>
/// is written with its type); the base type's reads what was stored before the hierarchy, without a type, and returns
/// the subtype the stored kind names.
/// </summary>
[RegisterConverter]
internal sealed class TrialProposalConverter : IConverter<TrialProposal, StoredTrialProposal>
{
    public TrialProposal ConvertFromSurrogate(in StoredTrialProposal surrogate) => surrogate.ToProposal();

    public StoredTrialProposal ConvertToSurrogate(in TrialProposal value) => StoredTrialProposal.Of(value);
}

/// <summary>The surrogate codec of <see cref="TrainingProposal"/> (see <see cref="TrialProposalConverter"/>).</summary>
[RegisterConverter]
internal sealed class TrainingProposalConverter : IConverter<TrainingProposal, StoredTrialProposal>
{
    public TrainingProposal ConvertFromSurrogate(in StoredTrialProposal surrogate) => (TrainingProposal)surrogate.ToProposal();

    public StoredTrialProposal ConvertToSurrogate(in TrainingProposal value) => StoredTrialProposal.Of(value);
}

/// <summary>The surrogate codec of <see cref="RangeTestProposal"/> (see <see cref="TrialProposalConverter"/>).</summary>
[RegisterConverter]
internal sealed class RangeTestProposalConverter : IConverter<RangeTestProposal, StoredTrialProposal>
{
    public RangeTestProposal ConvertFromSurrogate(in StoredTrialProposal surrogate) => (RangeTestProposal)surrogate.ToProposal();

    public StoredTrialProposal ConvertToSurrogate(in RangeTestProposal value) => StoredTrialProposal.Of(value);
}
