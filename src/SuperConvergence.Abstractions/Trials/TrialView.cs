using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.Abstractions.Trials;

/// <summary>
/// Everything known about one trial: definition, lifecycle, per-epoch history and result. A range test's
/// <see cref="RangeTestProgress"/> is its newest reported progress while it runs and where its curve ended once final;
/// <see cref="Hessian"/> its Hessian-free LR estimate, when its config asked for one and the trainer made it.
/// <see cref="ResumedFromStep"/> is set when the newest attempt resumed inside an epoch (its earlier worker was stopped
/// with SIGTERM and checkpointed mid-epoch): the steps of the epoch after <see cref="ResumedFromEpoch"/> already done.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("sc.TrialView")]
public sealed record TrialView(
    [property: Id(0)] string TrialId,
    [property: Id(1)] TrialDefinition? Definition,
    [property: Id(2)] TrialState State,
    [property: Id(3)] int Attempts,
    [property: Id(4)] int? ResumedFromEpoch,
    [property: Id(5)] string? Worker,
    [property: Id(6)] IReadOnlyList<EpochMetrics> Epochs,
    [property: Id(7)] double? Accuracy,
    [property: Id(8)] IReadOnlyList<RangeTestPoint>? Curve,
    [property: Id(9)] string? Error,
    [property: Id(10)] DateTimeOffset? StartedAt,
    [property: Id(11)] DateTimeOffset? FinishedAt,
    [property: Id(12)] RangeTestProgress? RangeTestProgress = null,
    [property: Id(13)] HessianFreeEstimate? Hessian = null,
    [property: Id(14)] int? ResumedFromStep = null)
{
    public TrialKind? Kind => Definition?.Proposal.Kind;
}
