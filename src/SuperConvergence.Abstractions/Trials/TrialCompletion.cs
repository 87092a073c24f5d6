using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.Abstractions.Trials;

/// <summary>
/// How an attempt ended, as the worker reports it. Curve is set for range tests; Hessian too when the range test's
/// config asked for the Hessian-free estimate and the trainer made one. Unreported holds the epochs before Final that
/// ended after the last epoch report (reports are at most one a second), so the end costs one write, not two.
/// A shape of its own because it is what only the worker knows at the end; the trial grain adds the rest.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("sc.TrialCompletion")]
public sealed record TrialCompletion(
    TrialState State,
    EpochMetrics? Final,
    IReadOnlyList<RangeTestPoint>? Curve,
    string? Error,
    HessianFreeEstimate? Hessian = null,
    IReadOnlyList<EpochMetrics>? Unreported = null);
