namespace SuperConvergence.Cli.Sweeps;

/// <summary>
/// The JSON contract of `sc trial show` (docs/cli-json.md): the trial, its config and its per-epoch history; for range
/// tests the curve and, when asked for, the Hessian-free estimate (both keys absent otherwise).
/// </summary>
public sealed record TrialShowDocument(
    string TrialId,
    string? SweepId,
    string? Kind,
    string State,
    int Attempts,
    int? ResumedFromEpoch,
    int? ResumedFromStep,
    string? Worker,
    TrialShowConfigDocument? Config,
    double? Accuracy,
    string? Error,
    string? StartedAt,
    string? FinishedAt,
    IReadOnlyList<EpochDocument> Epochs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CurvePointDocument>? Curve,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HessianFreeDocument? Hessian);

/// <summary>One epoch of a training trial's history.</summary>
public sealed record EpochDocument(int Epoch, double? TrainLoss, double? TestLoss, double? TestAccuracy, double? LearningRate, double? ImagesPerSecond);

/// <summary>One point of a range test's curve.</summary>
public sealed record CurvePointDocument(double? Lr, double? Loss, double? Accuracy);
