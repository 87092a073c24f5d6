namespace SuperConvergence.Core.RangeTests;

/// <summary>
/// Turns a run's per-iteration curvature readings into a <see cref="HessianFreeEstimate"/>: per layer and for the whole
/// model, each iteration's gᵀg/gᵀHg (none where the curvature is not positive, counted as skipped), smoothed by a
/// trailing log-median over the last Window estimates. One instance per run; not thread-safe.
/// </summary>
public sealed class HessianFreeAccumulator
{
    private readonly string[] _layerNames;
    private readonly TrailingLogMedian _model;
    private readonly TrailingLogMedian[] _layers;
    private readonly int[] _layerUsed;
    private readonly List<HessianFreeIteration> _series = [];
    private int _modelUsed;

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

        this._layerNames = [.. layerNames];
        _model = new TrailingLogMedian(window);
        _layers = [.. layerNames.Select(_ => new TrailingLogMedian(window))];
        _layerUsed = new int[layerNames.Count];
    }

    /// <summary>Records one iteration's reading (layers in the constructor's order) and returns what it gave.</summary>
    public HessianFreeIteration Record(double loss, IReadOnlyList<LayerCurvature> reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (reading.Count != _layerNames.Length)
        {
            throw new ArgumentException($"a reading must list {_layerNames.Length} layers, got {reading.Count}", nameof(reading));
        }

        var layerSteps = new double?[_layerNames.Length];
        for (var i = 0; i < _layerNames.Length; i++)
        {
            if (!string.Equals(reading[i].Layer, _layerNames[i], StringComparison.Ordinal))
            {
                throw new ArgumentException($"layer {i} must be '{_layerNames[i]}', got '{reading[i].Layer}'", nameof(reading));
            }

            layerSteps[i] = CurvatureStepSize.Of(reading[i].GradientSquaredNorm, reading[i].Curvature);
            if (layerSteps[i] is double step)
            {
                _layers[i].Add(step);
                _layerUsed[i]++;
            }
        }

        var wholeStep = CurvatureStepSize.WholeModel(reading);
        if (wholeStep is double whole)
        {
            _model.Add(whole);
            _modelUsed++;
        }

        var iteration = new HessianFreeIteration(_series.Count, loss, wholeStep, _model.Value, layerSteps);
        _series.Add(iteration);
        return iteration;
    }

    /// <summary>The estimate from the iterations recorded so far.</summary>
    /// <param name="diverged">The run stopped at a non-finite loss.</param>
    public HessianFreeEstimate Result(bool diverged) =>
        new(
            _model.Value,
            [.. _layerNames.Select((name, i) => new LayerLearningRate(name, _layers[i].Value, _layerUsed[i], _series.Count - _layerUsed[i]))],
            _modelUsed,
            _series.Count - _modelUsed,
            _model.Window,
            diverged,
            [.. _series]);
}
