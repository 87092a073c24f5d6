using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Abstractions.Surrogates;

[GenerateSerializer]
[Alias("sc.EpochMetrics")]
public struct EpochMetricsSurrogate
{
    [Id(0)] public int Epoch;
    [Id(1)] public double TrainLoss;
    [Id(2)] public double TestLoss;
    [Id(3)] public double TestAccuracy;
    [Id(4)] public double LearningRate;
    [Id(5)] public double ImagesPerSecond;
    [Id(6)] public double? ValidationLoss;
    [Id(7)] public double? ValidationAccuracy;
}

[RegisterConverter]
public sealed class EpochMetricsSurrogateConverter : IConverter<EpochMetrics, EpochMetricsSurrogate>
{
    public EpochMetrics ConvertFromSurrogate(in EpochMetricsSurrogate s) =>
        new(s.Epoch, s.TrainLoss, s.TestLoss, s.TestAccuracy, s.LearningRate, s.ImagesPerSecond, s.ValidationLoss, s.ValidationAccuracy);

    public EpochMetricsSurrogate ConvertToSurrogate(in EpochMetrics v) => new()
    {
        Epoch = v.Epoch,
        TrainLoss = v.TrainLoss,
        TestLoss = v.TestLoss,
        TestAccuracy = v.TestAccuracy,
        LearningRate = v.LearningRate,
        ImagesPerSecond = v.ImagesPerSecond,
        ValidationLoss = v.ValidationLoss,
        ValidationAccuracy = v.ValidationAccuracy,
    };
}

[GenerateSerializer]
[Alias("sc.RangeTestPoint")]
public struct RangeTestPointSurrogate
{
    [Id(0)] public double LearningRate;
    [Id(1)] public double Loss;
    [Id(2)] public double? Accuracy;
}

[RegisterConverter]
public sealed class RangeTestPointSurrogateConverter : IConverter<RangeTestPoint, RangeTestPointSurrogate>
{
    public RangeTestPoint ConvertFromSurrogate(in RangeTestPointSurrogate s) => new(s.LearningRate, s.Loss, s.Accuracy);

    public RangeTestPointSurrogate ConvertToSurrogate(in RangeTestPoint v) =>
        new() { LearningRate = v.LearningRate, Loss = v.Loss, Accuracy = v.Accuracy };
}
