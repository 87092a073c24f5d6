namespace SuperConvergence.Core.Trials;

/// <summary>
/// What a trainer reports at the end of each epoch (Epoch counts from 1). Validation metrics are those of a split
/// carved from train, null when the run carved none.
/// </summary>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TestLoss,
    double TestAccuracy,
    double LearningRate,
    double ImagesPerSecond,
    double? ValidationLoss = null,
    double? ValidationAccuracy = null);
