using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.Core.Search;

/// <summary>How a trial ended, as far as a strategy cares.</summary>
public enum TrialEnd
{
    Completed,
    Diverged,
    Failed,
    Cancelled,
}

/// <summary>
/// A finished trial, reported to the strategy exactly once. Accuracy is the final test accuracy of a training
/// trial (null for range tests and for trials that produced none); Curve is a range test's recorded curve.
/// </summary>
public sealed record TrialResult(
    string TrialId,
    TrialProposal Proposal,
    TrialEnd End,
    double? Accuracy,
    double? Loss,
    int EpochsCompleted,
    IReadOnlyList<RangeTestPoint>? Curve = null);
