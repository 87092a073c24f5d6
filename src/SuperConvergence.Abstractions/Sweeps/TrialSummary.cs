using SuperConvergence.Abstractions.Trials;

namespace SuperConvergence.Abstractions.Sweeps;

/// <summary>
/// One row of a sweep's trial table (the `trials` entries of the status JSON). <see cref="LatestEpoch"/> is the last
/// recorded epoch's metrics (null before the first): what a live view shows of a running trial, while
/// <see cref="Accuracy"/> stays null until the trial is final. One epoch's metrics, never the history, so the
/// coordinator's index of a large sweep stays small. A range test's row carries <see cref="RangeTestProgress"/> instead:
/// the newest progress while it runs, where its curve ended once it is final (null before the first report).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("sc.TrialSummary")]
public sealed record TrialSummary(
    [property: Id(0)] string TrialId,
    [property: Id(1)] TrialProposal Proposal,
    [property: Id(2)] TrialState State,
    [property: Id(3)] int Attempts,
    [property: Id(4)] int? ResumedFromEpoch,
    [property: Id(5)] string? Worker,
    [property: Id(6)] double? Accuracy,
    [property: Id(7)] int EpochsCompleted,
    [property: Id(8)] EpochMetrics? LatestEpoch = null,
    [property: Id(9)] RangeTestProgress? RangeTestProgress = null)
{
    public TrialKind Kind => Proposal.Kind;

    /// <summary>The training config; null for a range test.</summary>
    public TrialConfig? Config => (Proposal as TrainingProposal)?.Config;
}
