using SuperConvergence.Core.Trials;

namespace SuperConvergence.Abstractions.Surrogates;

[GenerateSerializer]
[Alias("sc.RangeTestProgress")]
public struct RangeTestProgressSurrogate
{
    [Id(0)] public int Iterations;
    [Id(1)] public int PlannedIterations;
    [Id(2)] public double LearningRate;
    [Id(3)] public double Loss;
    [Id(4)] public double? Accuracy;
}

[RegisterConverter]
public sealed class RangeTestProgressSurrogateConverter : IConverter<RangeTestProgress, RangeTestProgressSurrogate>
{
    public RangeTestProgress ConvertFromSurrogate(in RangeTestProgressSurrogate s) =>
        new(s.Iterations, s.PlannedIterations, s.LearningRate, s.Loss, s.Accuracy);

    public RangeTestProgressSurrogate ConvertToSurrogate(in RangeTestProgress v) => new()
    {
        Iterations = v.Iterations,
        PlannedIterations = v.PlannedIterations,
        LearningRate = v.LearningRate,
        Loss = v.Loss,
        Accuracy = v.Accuracy,
    };
}
