using SuperConvergence.Core.Trials;

namespace SuperConvergence.Abstractions.Surrogates;

[GenerateSerializer]
[Alias("sc.RangeTestConfig")]
public struct RangeTestConfigSurrogate
{
    [Id(0)] public string Dataset;
    [Id(1)] public string Model;
    [Id(2)] public double StartLr;
    [Id(3)] public double EndLr;
    [Id(4)] public int Iterations;
    [Id(5)] public int Ramp;
    [Id(6)] public double WeightDecay;
    [Id(7)] public int BatchSize;
    [Id(8)] public double Momentum;
    [Id(9)] public int Seed;
    [Id(10)] public int AccuracyEvery;
    [Id(11)] public int? TrainImages;
    [Id(12)] public int? TestImages;
    [Id(13)] public bool Hessian;
}

[RegisterConverter]
public sealed class RangeTestConfigSurrogateConverter : IConverter<RangeTestConfig, RangeTestConfigSurrogate>
{
    public RangeTestConfig ConvertFromSurrogate(in RangeTestConfigSurrogate s) =>
        new(s.Dataset, s.Model, s.StartLr, s.EndLr, s.Iterations, (RangeTestRamp)s.Ramp, s.WeightDecay, s.BatchSize,
            s.Momentum, s.Seed, s.AccuracyEvery, s.TrainImages, s.TestImages, s.Hessian);

    public RangeTestConfigSurrogate ConvertToSurrogate(in RangeTestConfig v) => new()
    {
        Dataset = v.Dataset,
        Model = v.Model,
        StartLr = v.StartLr,
        EndLr = v.EndLr,
        Iterations = v.Iterations,
        Ramp = (int)v.Ramp,
        WeightDecay = v.WeightDecay,
        BatchSize = v.BatchSize,
        Momentum = v.Momentum,
        Seed = v.Seed,
        AccuracyEvery = v.AccuracyEvery,
        TrainImages = v.TrainImages,
        TestImages = v.TestImages,
        Hessian = v.Hessian,
    };
}
