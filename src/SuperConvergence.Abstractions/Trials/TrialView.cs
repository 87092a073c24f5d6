using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.Abstractions.Trials;

/// <summary>
/// Everything known about one trial: definition, lifecycle, per-epoch history and result. A range test's
/// <see cref="RangeTestProgress"/> is its newest reported progress while it runs and where its curve ended once final;
/// <see cref="Hessian"/> its Hessian-free LR estimate, when its config asked for one and the trainer made it.
/// <see cref="ResumedFromStep"/> is set when the newest attempt resumed inside an epoch (its earlier worker was stopped
/// with SIGTERM and checkpointed mid-epoch): the steps of the epoch after <see cref="ResumedFromEpoch"/> already done.
/// A shape of its own because it is the trial grain's whole record, history included: what `sc trial show` prints and
/// what the sweep is told once when the trial ends (its rows are <c>TrialSummary</c>, made from this by one mapping).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("sc.TrialView")]
public sealed record TrialView(
    string TrialId,
    TrialDefinition? Definition,
    TrialState State,
    int Attempts,
    int? ResumedFromEpoch,
    string? Worker,
    IReadOnlyList<EpochMetrics> Epochs,
    double? Accuracy,
    IReadOnlyList<RangeTestPoint>? Curve,
    string? Error,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    RangeTestProgress? RangeTestProgress = null,
    HessianFreeEstimate? Hessian = null,
    int? ResumedFromStep = null)
{
    public TrialKind? Kind => Definition?.Proposal.Kind;
}
