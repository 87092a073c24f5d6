namespace SuperConvergence.Training.RangeTests;

/// <summary>
/// One LR range test as the runner executes it: a fresh model trained while Core's <see cref="RangeTestPlan"/> ramps
/// the LR, with momentum held fixed; optionally measuring accuracy every AccuracyEvery steps (on the validation
/// split when one is carved, else on test). It stops where Core's analysis sees divergence (Analysis.DivergeFactor)
/// or at the first non-finite loss.
/// </summary>
public sealed record RangeTestRun(
    string Dataset,
    ModelSetup Setup,
    RangeTestPlan Ramp,
    double Momentum,
    int BatchSize,
    int AccuracyEvery = 0,
    DataSelection? Data = null,
    RangeTestAnalysisOptions? Analysis = null,
    int EvaluationBatchSize = 1000)
{
    public DataSelection Selection => Data ?? DataSelection.All;

    public RangeTestAnalysisOptions AnalysisOptions => Analysis ?? new RangeTestAnalysisOptions();

    /// <summary>The Core contract's range test, on SGD with the config's momentum and weight decay.</summary>
    public static RangeTestRun From(RangeTestConfig config, double widthMultiplier = 1.0) =>
        new(
            config.Dataset,
            new ModelSetup(config.Model, widthMultiplier, OptimizerSettings.Sgd(config.WeightDecay), config.Seed),
            new RangeTestPlan(config.StartLr, config.EndLr, config.Iterations, config.Ramp),
            config.Momentum,
            config.BatchSize,
            config.AccuracyEvery,
            new DataSelection(TrainSubset: config.TrainImages, TestSubset: config.TestImages));

    /// <summary>Throws ArgumentException naming the first field that cannot work.</summary>
    public void Validate()
    {
        if (BatchSize < 2)
        {
            throw new ArgumentException($"batch size must be at least 2, got {BatchSize}", nameof(BatchSize));
        }

        if (AccuracyEvery < 0)
        {
            throw new ArgumentException($"accuracy interval must be ≥ 0, got {AccuracyEvery}", nameof(AccuracyEvery));
        }

        if (Momentum is < 0 or >= 1 || double.IsNaN(Momentum))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"momentum must lie in [0, 1), got {Momentum}"), nameof(Momentum));
        }
    }
}
