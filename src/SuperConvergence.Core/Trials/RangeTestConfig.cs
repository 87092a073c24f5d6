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
[GenerateSerializer(IncludePrimaryConstructorParameters = false)]
[Immutable]
[Alias("sc.RangeTestConfig")]
public sealed record RangeTestConfig(
    [property: Id(0)] string Dataset,
    [property: Id(1)] string Model,
    [property: Id(2)] double StartLr,
    [property: Id(3)] double EndLr,
    [property: Id(4)] int Iterations,
    [property: Id(5)] RangeTestRamp Ramp,
    [property: Id(6)] double WeightDecay,
    [property: Id(7)] int BatchSize,
    [property: Id(8)] double Momentum,
    [property: Id(9)] int Seed,
    [property: Id(10)] int AccuracyEvery = 0,
    [property: Id(11)] int? TrainImages = null,
    [property: Id(12)] int? TestImages = null,
    [property: Id(13)] bool Hessian = false);
