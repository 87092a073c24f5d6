using SuperConvergence.Training.RangeTests;

namespace SuperConvergence.Cli.RangeTests;

/// <summary>
/// The JSON of `sc rangetest hessian` (docs/range-test.md, "Hessian-free estimate"): learningRate (null when no
/// iteration had positive curvature), iterations, iterationsUsed, iterationsSkipped, window, diverged, run {dataset,
/// model, width, seed, learningRate, momentum, weightDecay, batchSize, relativeStep}, layers [{name, learningRate,
/// iterationsUsed, iterationsSkipped}], series [{iteration, loss, learningRate, smoothedLearningRate}]. `sc trial
/// show` writes the same object without run. Keys are only ever added, never renamed or removed.
/// </summary>
public static class HessianFreeJson
{
    public static string Write(HessianFreeEstimate estimate, HessianFreeRun run) =>
        JsonWriting.Write(Document(estimate, run), CliJsonContext.Default.HessianFreeDocument);

    /// <summary>The estimate as a document; with <paramref name="run"/> null it is `sc trial show`'s "hessian".</summary>
    public static HessianFreeDocument Document(HessianFreeEstimate estimate, HessianFreeRun? run = null) => new(
        estimate.LearningRate,
        estimate.Iterations,
        estimate.IterationsUsed,
        estimate.IterationsSkipped,
        estimate.Window,
        estimate.Diverged,
        run is null
            ? null
            : new HessianFreeRunDocument(
                run.Dataset,
                run.Setup.Model,
                run.Setup.WidthMultiplier,
                run.Setup.Seed,
                run.LearningRate,
                run.Momentum,
                run.Setup.Optimizer.WeightDecay,
                run.BatchSize,
                run.RelativeStep),
        [.. estimate.Layers.Select(l => new LayerLearningRateDocument(l.Layer, l.LearningRate, l.IterationsUsed, l.IterationsSkipped))],
        [.. estimate.Series.Select(i => new HessianFreeIterationDocument(i.Iteration, i.Loss, i.LearningRate, i.SmoothedLearningRate))]);
}
