namespace SuperConvergence.Cli.RangeTests;

/// <summary>`sc rangetest hessian --format table`: the whole-model estimate, the layers' range, then one line per layer.</summary>
public static class HessianFreeTable
{
    public static void Write(HessianFreeEstimate estimate, TextWriter output)
    {
        output.WriteLine($"learning rate   {Estimate(estimate)}");
        output.WriteLine($"layers          {Layers(estimate)}");
        var width = Math.Max(5, estimate.Layers.Max(l => l.Layer.Length));
        output.WriteLine($"{"layer".PadRight(width)}  {"learning rate",-13}  {"used",6}  {"skipped",7}");
        foreach (var layer in estimate.Layers)
        {
            output.WriteLine($"{layer.Layer.PadRight(width)}  {F(layer.LearningRate),-13}  {layer.IterationsUsed,6}  {layer.IterationsSkipped,7}");
        }
    }

    /// <summary>The whole-model estimate and how it was reached, on one line (also `sc trial show`'s).</summary>
    public static string Estimate(HessianFreeEstimate estimate) => estimate.LearningRate is null
        ? $"none: no iteration had positive curvature along the gradient ({estimate.IterationsSkipped} skipped)"
        : $"{F(estimate.LearningRate)} (whole model; log-median of the last {Math.Min(estimate.Window, estimate.IterationsUsed)} of {estimate.IterationsUsed} estimates; {estimate.IterationsSkipped} of {estimate.Iterations} iterations skipped for non-positive curvature)";

    /// <summary>How many layers, and the lowest, highest and median of their estimates.</summary>
    public static string Layers(HessianFreeEstimate estimate)
    {
        var estimated = estimate.Layers.Where(l => l.LearningRate is not null).OrderBy(l => l.LearningRate).ToList();
        return estimated.Count == 0
            ? $"{estimate.Layers.Count}, none with an estimate"
            : $"{estimate.Layers.Count}, from {F(estimated[0].LearningRate)} ({estimated[0].Layer}) to {F(estimated[^1].LearningRate)} ({estimated[^1].Layer}); median {F(RangeTestAggregation.LogMedian(estimated.Select(l => l.LearningRate!.Value)))}";
    }

    private static string F(double? v) => v is double d ? d.ToString("G4", CultureInfo.InvariantCulture) : "none";
}
