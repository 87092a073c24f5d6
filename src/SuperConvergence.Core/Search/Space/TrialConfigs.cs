namespace SuperConvergence.Core.Search.Space;

/// <summary>
/// Builds the configs every strategy proposes from the spec: the parts a strategy chooses (max LR, cell, cycle, seed)
/// plus the parts the spec fixes (dataset, model, momentum range, data subset, OneCycleLR's div factors).
/// </summary>
public sealed class TrialConfigs(SweepSpec spec)
{
    /// <summary>Range tests measure accuracy about this many times along the ramp, enough to see a plateau.</summary>
    public const int RangeTestAccuracyPoints = 20;

    public TrialConfig Train(double maxLr, SearchCell cell, int cycleEpochs, int seed) => new(
        spec.Dataset,
        spec.Model,
        maxLr,
        SweepSpecDefaults.DivFactor,
        SweepSpecDefaults.FinalDivFactor,
        cell.WeightDecay,
        cell.BatchSize,
        cycleEpochs,
        spec.SearchSpace.Momentum.Base,
        spec.SearchSpace.Momentum.Max,
        seed,
        spec.Data?.TrainImages,
        spec.Data?.TestImages);

    /// <summary>
    /// An exponential ramp over the spec's LR span with accuracy recorded along the way. Momentum is the cycle's
    /// base momentum: the value a 1cycle run has at its peak LR, which is the LR the test is bounding.
    /// </summary>
    public RangeTestConfig RangeTest(SearchCell cell, int seed) => new(
        spec.Dataset,
        spec.Model,
        spec.RangeTest.StartLr,
        spec.RangeTest.EndLr,
        spec.RangeTest.Iterations,
        RangeTestRamp.Exponential,
        cell.WeightDecay,
        cell.BatchSize,
        spec.SearchSpace.Momentum.Base,
        seed,
        AccuracyEvery: Math.Max(1, spec.RangeTest.Iterations / RangeTestAccuracyPoints),
        TrainImages: spec.Data?.TrainImages,
        TestImages: spec.Data?.TestImages,
        Hessian: spec.RangeTest.Hessian);
}
