using SuperConvergence.Core.Trials;

namespace SuperConvergence.Core.Search;

/// <summary>
/// The stored encoding of a <see cref="TrialProposal"/>: the closed hierarchy travels and sits in grain state in the
/// flat layout the proposal had before it was a hierarchy (one record, Kind with exactly one of Train and RangeTest
/// set), so that state stored then still loads and what is written now has the same fields. Orleans' codecs of the
/// hierarchy (<see cref="TrialProposalCodec"/>, <see cref="TrainingProposalConverter"/>,
/// <see cref="RangeTestProposalConverter"/>) convert through it; nothing else uses it.
/// </summary>
[GenerateSerializer(IncludePrimaryConstructorParameters = false)]
[Alias("sc.StoredTrialProposal")]
internal readonly record struct StoredTrialProposal(
    [property: Id(0)] TrialKind Kind,
    [property: Id(1)] TrialConfig? Train,
    [property: Id(2)] RangeTestConfig? RangeTest,
    [property: Id(3)] int Round,
    [property: Id(4)] string Cell)
{
    public static StoredTrialProposal Of(TrialProposal proposal) => proposal switch
    {
        TrainingProposal training => new(TrialKind.Train, training.Config, null, training.Round, training.Cell),
        RangeTestProposal rangeTest => new(TrialKind.RangeTest, null, rangeTest.Config, 0, rangeTest.Cell),
        _ => throw new ArgumentOutOfRangeException(nameof(proposal), proposal, "not a kind of trial proposal"),
    };

    public TrialProposal ToProposal() => Kind switch
    {
        TrialKind.Train => new TrainingProposal(Train ?? throw Missing(nameof(Train)), Round, Cell),
        TrialKind.RangeTest => new RangeTestProposal(RangeTest ?? throw Missing(nameof(RangeTest)), Cell),
        _ => throw new InvalidOperationException($"a stored trial proposal of unknown kind {Kind}"),
    };

    private InvalidOperationException Missing(string config) => new($"a stored {Kind} proposal without its {config} config");
}
