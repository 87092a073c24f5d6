namespace SuperConvergence.Core.Trials;

/// <summary>How the learning rate grows during a range test.</summary>
public enum RangeTestRamp
{
    Linear,
    Exponential,
}

/// <summary>
/// One LR range test: a short run whose LR ramps from StartLr to EndLr over Iterations. AccuracyEvery &gt; 0 measures
/// validation accuracy every that many iterations (as the paper does); TrainImages/TestImages select subsets.
/// Hessian asks the trainer for the Hessian-free LR estimate (docs/range-test.md) as well, made after the curve.
/// </summary>
public sealed record RangeTestConfig(
    string Dataset,
    string Model,
    double StartLr,
    double EndLr,
    int Iterations,
    RangeTestRamp Ramp,
    double WeightDecay,
    int BatchSize,
    double Momentum,
    int Seed,
    int AccuracyEvery = 0,
    int? TrainImages = null,
    int? TestImages = null,
    bool Hessian = false);
