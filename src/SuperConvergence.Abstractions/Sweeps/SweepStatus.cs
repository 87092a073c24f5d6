using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Abstractions.Sweeps;

/// <summary>
/// A sweep at a glance. Trials holds one page of the trial table (TrialOffset, TrialCount of TotalTrials) so that
/// a 100,000-trial sweep answers as quickly as a small one; Counts has the number of trials in each state.
/// BoundsSource says where the first narrowing round's bounds came from (range tests, or the spec's interval and why).
/// FirstFailure is the first failed trial and its error ("trial ID: error"), null while none failed; a Failed sweep's cause.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("sc.SweepStatus")]
public sealed record SweepStatus(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string Name,
    [property: Id(2)] SweepState State,
    [property: Id(3)] int Round,
    [property: Id(4)] LrRange Bounds,
    [property: Id(5)] string Phase,
    [property: Id(6)] int TotalTrials,
    [property: Id(7)] IReadOnlyDictionary<string, int> Counts,
    [property: Id(8)] int TrialOffset,
    [property: Id(9)] IReadOnlyList<TrialSummary> Trials,
    [property: Id(10)] int TrialEpochsUsed,
    [property: Id(11)] DateTimeOffset? StartedAt,
    [property: Id(12)] DateTimeOffset? FinishedAt,
    [property: Id(13)] IReadOnlyList<RoundBounds> History,
    [property: Id(14)] string? BoundsSource = null,
    [property: Id(15)] string? FirstFailure = null);
