using SuperConvergence.Core.Trials;

namespace SuperConvergence.Core.Search;

/// <summary>
/// A trial a strategy wants run. Exactly one of Train and RangeTest is set, matching Kind. Round is the
/// strategy's round (0 for range tests); Cell names the (batch size, weight decay) cell, e.g. "bs=256,wd=5e-4".
/// </summary>
public sealed record TrialProposal(TrialKind Kind, TrialConfig? Train, RangeTestConfig? RangeTest, int Round, string Cell)
{
    public static TrialProposal ForTraining(TrialConfig config, int round, string cell) => new(TrialKind.Train, config, null, round, cell);

    public static TrialProposal ForRangeTest(RangeTestConfig config, string cell) => new(TrialKind.RangeTest, null, config, 0, cell);
}
