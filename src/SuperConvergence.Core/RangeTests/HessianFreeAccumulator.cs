namespace SuperConvergence.Core.RangeTests;

/// <summary>
/// Turns a run's per-iteration curvature readings into a <see cref="HessianFreeEstimate"/>: per layer and for the whole
/// model, each iteration's gᵀg/gᵀHg (none where the curvature is not positive, counted as skipped), smoothed by a
/// trailing log-median over the last Window estimates. One instance per run; not thread-safe.
/// </summary>
public sealed class HessianFreeAccumulator
{
    private readonly string[] layerNames;
    private readonly TrailingLogMedian model;
    private readonly TrailingLogMedian[] layers;
    private readonly int[] layerUsed;
    private readonly List<HessianFreeIteration> series = [];
    private int modelUsed;

    /// <param name="layerNames">The layers every reading lists, in this order.</param>
    /// <param name="window">How many of the latest estimates the median covers (≥ 1).</param>
    public HessianFreeAccumulator(IReadOnlyList<string> layerNames, int window)
    {
        ArgumentNullException.ThrowIfNull(layerNames);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        if (layerNames.Count == 0)
        {
            throw new ArgumentException("at least one layer is needed", nameof(layerNames));
        }

        if (layerNames.Distinct(StringComparer.Ordinal).Count() != layerNames.Count)
        {
            throw new ArgumentException($"layer names must be distinct: {string.Join(", ", layerNames)}", nameof(layerNames));
        }

        this.layerNames = [.. layerNames];
        model = new TrailingLogMedian(window);
        layers = [.. layerNames.Select(_ => new TrailingLogMedian(window))];
        layerUsed = new int[layerNames.Count];
    }

    /// <summary>Records one iteration's reading (layers in the constructor's order) and returns what it gave.</summary>
    public HessianFreeIteration Record(double loss, IReadOnlyList<LayerCurvature> reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (reading.Count != layerNames.Length)
        {
            throw new ArgumentException($"a reading must list {layerNames.Length} layers, got {reading.Count}", nameof(reading));
        }

        var layerSteps = new double?[layerNames.Length];
        for (var i = 0; i < layerNames.Length; i++)
        {
            if (!string.Equals(reading[i].Layer, layerNames[i], StringComparison.Ordinal))
            {
                throw new ArgumentException($"layer {i} must be '{layerNames[i]}', got '{reading[i].Layer}'", nameof(reading));
            }

            layerSteps[i] = CurvatureStepSize.Of(reading[i].GradientSquaredNorm, reading[i].Curvature);
            if (layerSteps[i] is double step)
            {
                layers[i].Add(step);
                layerUsed[i]++;
            }
        }

        var wholeStep = CurvatureStepSize.WholeModel(reading);
        if (wholeStep is double whole)
        {
            model.Add(whole);
            modelUsed++;
        }

        var iteration = new HessianFreeIteration(series.Count, loss, wholeStep, model.Value, layerSteps);
        series.Add(iteration);
        return iteration;
    }

    /// <summary>The estimate from the iterations recorded so far.</summary>
    /// <param name="diverged">The run stopped at a non-finite loss.</param>
    public HessianFreeEstimate Result(bool diverged) =>
        new(
            model.Value,
            [.. layerNames.Select((name, i) => new LayerLearningRate(name, layers[i].Value, layerUsed[i], series.Count - layerUsed[i]))],
            modelUsed,
            series.Count - modelUsed,
            model.Window,
            diverged,
            [.. series]);
}
