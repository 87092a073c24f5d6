namespace SuperConvergence.Core.Search;

/// <summary>
/// A trial a strategy wants run. Exactly one of Train and RangeTest is set, matching Kind. Round is the
/// strategy's round (0 for range tests); Cell names the (batch size, weight decay) cell, e.g. "bs=256,wd=5e-4".
/// </summary>
[GenerateSerializer(IncludePrimaryConstructorParameters = false)]
[Immutable]
[Alias("sc.TrialProposal")]
public sealed record TrialProposal(
    [property: Id(0)] TrialKind Kind,
    [property: Id(1)] TrialConfig? Train,
    [property: Id(2)] RangeTestConfig? RangeTest,
    [property: Id(3)] int Round,
    [property: Id(4)] string Cell)
{
    public static TrialProposal ForTraining(TrialConfig config, int round, string cell) => new(TrialKind.Train, config, null, round, cell);

    public static TrialProposal ForRangeTest(RangeTestConfig config, string cell) => new(TrialKind.RangeTest, null, config, 0, cell);
}
