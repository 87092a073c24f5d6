namespace SuperConvergence.Grains.Telemetry;

/// <summary>A training trial's last finished epoch as the worker saw it, with its 1cycle plan at that point.</summary>
/// <param name="LearningRate">The LR the trainer reported for the epoch's end.</param>
/// <param name="Momentum">The momentum the 1cycle schedule sets at the epoch's end (trainers do not report it).</param>
/// <param name="PlannedLearningRate">The LR the 1cycle schedule plans for the epoch's end.</param>
/// <param name="CycleEpochs">The epochs of the whole cycle.</param>
public sealed record LiveEpoch(
    int Epoch,
    int CycleEpochs,
    double LearningRate,
    double Momentum,
    double PlannedLearningRate,
    double TrainLoss,
    double TestLoss,
    double TestAccuracy,
    double ImagesPerSecond);
