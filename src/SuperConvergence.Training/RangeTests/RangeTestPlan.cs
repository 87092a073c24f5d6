using SuperConvergence.Core.Trials;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Training;

namespace SuperConvergence.Training.RangeTests;

/// <summary>
/// One LR range test: a short run from a fresh model whose LR ramps from StartLr to EndLr over Iterations steps,
/// optionally measuring accuracy every AccuracyEvery steps (on the validation split when one is carved, else test).
/// It stops early once the loss is non-finite or exceeds StopFactor × the lowest loss seen.
/// </summary>
public sealed record RangeTestPlan(
    string Dataset,
    ModelSetup Setup,
    double StartLr,
    double EndLr,
    int Iterations,
    RangeTestRamp Ramp,
    double Momentum,
    int BatchSize,
    int AccuracyEvery = 0,
    DataSelection? Data = null,
    double StopFactor = 4.0,
    int EvaluationBatchSize = 1000)
{
    public DataSelection Selection => Data ?? DataSelection.All;

    /// <summary>The Core contract's range test, on SGD with the config's momentum and weight decay.</summary>
    public static RangeTestPlan From(RangeTestConfig config, DataSelection? data = null, double widthMultiplier = 1.0) =>
        new(
            config.Dataset,
            new ModelSetup(config.Model, widthMultiplier, OptimizerSettings.Sgd(config.WeightDecay), config.Seed),
            config.StartLr,
            config.EndLr,
            config.Iterations,
            config.Ramp,
            config.Momentum,
            config.BatchSize,
            config.AccuracyEvery,
            data);

    public LearningRateRamp Schedule() => new(StartLr, EndLr, Iterations, Ramp, Momentum);

    /// <summary>Throws ArgumentException naming the first field that cannot work.</summary>
    public void Validate()
    {
        _ = Schedule();
        if (BatchSize < 2)
        {
            throw new ArgumentException($"batch size must be at least 2, got {BatchSize}", nameof(BatchSize));
        }

        if (AccuracyEvery < 0)
        {
            throw new ArgumentException($"accuracy interval must be ≥ 0, got {AccuracyEvery}", nameof(AccuracyEvery));
        }

        if (!(StopFactor > 1))
        {
            throw new ArgumentException($"stop factor must exceed 1, got {StopFactor}", nameof(StopFactor));
        }

        if (Momentum is < 0 or >= 1 || double.IsNaN(Momentum))
        {
            throw new ArgumentException($"momentum must lie in [0, 1), got {Momentum}", nameof(Momentum));
        }
    }
}
