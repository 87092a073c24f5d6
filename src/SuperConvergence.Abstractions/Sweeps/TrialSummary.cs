using SuperConvergence.Abstractions.Trials;

namespace SuperConvergence.Abstractions.Sweeps;

/// <summary>
/// One row of a sweep's trial table (the `trials` entries of the status JSON). <see cref="LatestEpoch"/> is the last
/// recorded epoch's metrics (null before the first): what a live view shows of a running trial, while
/// <see cref="Accuracy"/> stays null until the trial is final. One epoch's metrics, never the history, so the
/// coordinator's index of a large sweep stays small. A range test's row carries <see cref="RangeTestProgress"/>
/// instead:
/// the newest progress while it runs, where its curve ended once it is final (null before the first report).
/// A shape of its own because the sweep's index holds one for every trial: the view's identity and newest figures,
/// never its history.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("sc.TrialSummary")]
public sealed record TrialSummary(
    string TrialId,
    TrialProposal Proposal,
    TrialState State,
    int Attempts,
    int? ResumedFromEpoch,
    string? Worker,
    double? Accuracy,
    int EpochsCompleted,
    EpochMetrics? LatestEpoch = null,
    RangeTestProgress? RangeTestProgress = null)
{
    public TrialKind Kind => Proposal.Kind;

    /// <summary>
    /// The training config; null for a range test. For the row writers, whose columns stay empty for the other kind.
    /// </summary>
    public TrialConfig? Config => (Proposal as TrainingProposal)?.Config;

    /// <summary>The range test's config; null for a training trial.</summary>
    public RangeTestConfig? RangeTestConfig => (Proposal as RangeTestProposal)?.Config;
}
