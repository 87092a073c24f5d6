using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.Abstractions.Surrogates;

/// <summary>The Hessian-free estimate a range test may carry (Core keeps it free of Orleans, hence surrogates).</summary>
[GenerateSerializer]
[Alias("sc.HessianFreeEstimate")]
public struct HessianFreeEstimateSurrogate
{
    [Id(0)] public double? LearningRate;
    [Id(1)] public List<LayerLearningRate> Layers;
    [Id(2)] public int IterationsUsed;
    [Id(3)] public int IterationsSkipped;
    [Id(4)] public int Window;
    [Id(5)] public bool Diverged;
    [Id(6)] public List<HessianFreeIteration> Series;
}

[RegisterConverter]
public sealed class HessianFreeEstimateSurrogateConverter : IConverter<HessianFreeEstimate, HessianFreeEstimateSurrogate>
{
    public HessianFreeEstimate ConvertFromSurrogate(in HessianFreeEstimateSurrogate s) =>
        new(s.LearningRate, s.Layers ?? [], s.IterationsUsed, s.IterationsSkipped, s.Window, s.Diverged, s.Series ?? []);

    public HessianFreeEstimateSurrogate ConvertToSurrogate(in HessianFreeEstimate v) => new()
    {
        LearningRate = v.LearningRate,
        Layers = [.. v.Layers],
        IterationsUsed = v.IterationsUsed,
        IterationsSkipped = v.IterationsSkipped,
        Window = v.Window,
        Diverged = v.Diverged,
        Series = [.. v.Series],
    };
}

[GenerateSerializer]
[Alias("sc.LayerLearningRate")]
public struct LayerLearningRateSurrogate
{
    [Id(0)] public string Layer;
    [Id(1)] public double? LearningRate;
    [Id(2)] public int IterationsUsed;
    [Id(3)] public int IterationsSkipped;
}

[RegisterConverter]
public sealed class LayerLearningRateSurrogateConverter : IConverter<LayerLearningRate, LayerLearningRateSurrogate>
{
    public LayerLearningRate ConvertFromSurrogate(in LayerLearningRateSurrogate s) => new(s.Layer, s.LearningRate, s.IterationsUsed, s.IterationsSkipped);

    public LayerLearningRateSurrogate ConvertToSurrogate(in LayerLearningRate v) =>
        new() { Layer = v.Layer, LearningRate = v.LearningRate, IterationsUsed = v.IterationsUsed, IterationsSkipped = v.IterationsSkipped };
}

[GenerateSerializer]
[Alias("sc.HessianFreeIteration")]
public struct HessianFreeIterationSurrogate
{
    [Id(0)] public int Iteration;
    [Id(1)] public double Loss;
    [Id(2)] public double? LearningRate;
    [Id(3)] public double? SmoothedLearningRate;
    [Id(4)] public double?[] LayerLearningRates;
}

[RegisterConverter]
public sealed class HessianFreeIterationSurrogateConverter : IConverter<HessianFreeIteration, HessianFreeIterationSurrogate>
{
    public HessianFreeIteration ConvertFromSurrogate(in HessianFreeIterationSurrogate s) =>
        new(s.Iteration, s.Loss, s.LearningRate, s.SmoothedLearningRate, s.LayerLearningRates ?? []);

    public HessianFreeIterationSurrogate ConvertToSurrogate(in HessianFreeIteration v) => new()
    {
        Iteration = v.Iteration,
        Loss = v.Loss,
        LearningRate = v.LearningRate,
        SmoothedLearningRate = v.SmoothedLearningRate,
        LayerLearningRates = [.. v.LayerLearningRates],
    };
}
