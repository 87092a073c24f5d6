using SuperConvergence.Abstractions.Trials;
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
    string SweepId,
    string Name,
    SweepState State,
    int Round,
    LrRange Bounds,
    string Phase,
    int TotalTrials,
    IReadOnlyDictionary<TrialState, int> Counts,
    int TrialOffset,
    IReadOnlyList<TrialSummary> Trials,
    int TrialEpochsUsed,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<RoundBounds> History,
    string? BoundsSource = null,
    string? FirstFailure = null)
{
    /// <summary>The counts under the names every output prints them by (completed, pending, …), in that name's ordinal order.</summary>
    public IEnumerable<KeyValuePair<string, int>> CountsByName =>
        Counts.Select(c => KeyValuePair.Create(c.Key.ToWire(), c.Value)).OrderBy(c => c.Key, StringComparer.Ordinal);
}
