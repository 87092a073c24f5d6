namespace SuperConvergence.Core.Trials;

/// <summary>
/// What a trainer reports at the end of each epoch (Epoch counts from 1). Validation metrics are those of a split
/// carved from train, null when the run carved none.
/// </summary>
[GenerateSerializer(IncludePrimaryConstructorParameters = false)]
[Immutable]
[Alias("sc.EpochMetrics")]
public sealed record EpochMetrics(
    [property: Id(0)] int Epoch,
    [property: Id(1)] double TrainLoss,
    [property: Id(2)] double TestLoss,
    [property: Id(3)] double TestAccuracy,
    [property: Id(4)] double LearningRate,
    [property: Id(5)] double ImagesPerSecond,
    [property: Id(6)] double? ValidationLoss = null,
    [property: Id(7)] double? ValidationAccuracy = null);
