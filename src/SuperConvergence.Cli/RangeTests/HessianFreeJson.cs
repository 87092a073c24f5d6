using System.Text.Json;
using SuperConvergence.Cli.Sweeps;
using SuperConvergence.Core.RangeTests;
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
    public static string Write(HessianFreeEstimate estimate, HessianFreeRun run) => JsonWriting.Write(w =>
    {
        w.WriteStartObject();
        WriteSummary(w, estimate);
        w.WriteStartObject("run");
        w.WriteString("dataset", run.Dataset);
        w.WriteString("model", run.Setup.Model);
        w.WriteNumber("width", run.Setup.WidthMultiplier);
        w.WriteNumber("seed", run.Setup.Seed);
        w.WriteNumber("learningRate", run.LearningRate);
        w.WriteNumber("momentum", run.Momentum);
        w.WriteNumber("weightDecay", run.Setup.Optimizer.WeightDecay);
        w.WriteNumber("batchSize", run.BatchSize);
        w.WriteNumber("relativeStep", run.RelativeStep);
        w.WriteEndObject();
        WriteDetails(w, estimate);
        w.WriteEndObject();
    });

    /// <summary>The estimate as the value of <paramref name="name"/> (`sc trial show`'s "hessian").</summary>
    public static void WriteProperty(Utf8JsonWriter w, string name, HessianFreeEstimate estimate)
    {
        w.WriteStartObject(name);
        WriteSummary(w, estimate);
        WriteDetails(w, estimate);
        w.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter w, HessianFreeEstimate estimate)
    {
        w.WriteNumberOrNull("learningRate", estimate.LearningRate);
        w.WriteNumber("iterations", estimate.Iterations);
        w.WriteNumber("iterationsUsed", estimate.IterationsUsed);
        w.WriteNumber("iterationsSkipped", estimate.IterationsSkipped);
        w.WriteNumber("window", estimate.Window);
        w.WriteBoolean("diverged", estimate.Diverged);
    }

    private static void WriteDetails(Utf8JsonWriter w, HessianFreeEstimate estimate)
    {
        w.WriteArrayOfObjects("layers", estimate.Layers, static (o, layer) =>
        {
            o.WriteString("name", layer.Layer);
            o.WriteNumberOrNull("learningRate", layer.LearningRate);
            o.WriteNumber("iterationsUsed", layer.IterationsUsed);
            o.WriteNumber("iterationsSkipped", layer.IterationsSkipped);
        });
        w.WriteArrayOfObjects("series", estimate.Series, static (o, iteration) =>
        {
            o.WriteNumber("iteration", iteration.Iteration);
            o.WriteNumber("loss", iteration.Loss);
            o.WriteNumberOrNull("learningRate", iteration.LearningRate);
            o.WriteNumberOrNull("smoothedLearningRate", iteration.SmoothedLearningRate);
        });
    }
}
