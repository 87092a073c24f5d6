namespace SuperConvergence.Cli.RangeTests;

/// <summary>
/// The JSON contract of `sc rangetest hessian` (docs/range-test.md, "Hessian-free estimate"). `sc trial show` writes
/// the same object without run, since the trial's config already says how it was made.
/// </summary>
public sealed record HessianFreeDocument(
    double? LearningRate,
    int Iterations,
    int IterationsUsed,
    int IterationsSkipped,
    int Window,
    bool Diverged,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HessianFreeRunDocument? Run,
    IReadOnlyList<LayerLearningRateDocument> Layers,
    IReadOnlyList<HessianFreeIterationDocument> Series);

/// <summary>The settings of the run that made a standalone estimate.</summary>
public sealed record HessianFreeRunDocument(
    string Dataset,
    string Model,
    double Width,
    int Seed,
    double LearningRate,
    double Momentum,
    double WeightDecay,
    int BatchSize,
    double RelativeStep);

/// <summary>One layer's own estimate.</summary>
public sealed record LayerLearningRateDocument(string Name, double? LearningRate, int IterationsUsed, int IterationsSkipped);

/// <summary>One iteration: its loss, its raw estimate and the smoothed one.</summary>
public sealed record HessianFreeIterationDocument(int Iteration, double Loss, double? LearningRate, double? SmoothedLearningRate);
