namespace SuperConvergence.Grains.Telemetry;

/// <summary>A training trial's last finished epoch as the worker saw it.</summary>
/// <param name="CycleEpochs">The epochs of the whole cycle.</param>
public sealed record LiveEpoch(
    int Epoch,
    int CycleEpochs,
    double TrainLoss,
    double TestLoss,
    double TestAccuracy,
    double ImagesPerSecond);
