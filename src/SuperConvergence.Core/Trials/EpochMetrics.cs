namespace SuperConvergence.Core.Trials;

/// <summary>What a trainer reports at the end of each epoch (Epoch counts from 1).</summary>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TestLoss,
    double TestAccuracy,
    double LearningRate,
    double ImagesPerSecond);
