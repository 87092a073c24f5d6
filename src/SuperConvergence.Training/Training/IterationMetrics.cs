namespace SuperConvergence.Training.Training;

/// <summary>
/// One optimiser step: its global index (from 0), epoch (from 1), the settings used, the batch loss, and the steps of
/// the whole run's schedule.
/// </summary>
public readonly record struct IterationMetrics(int Step, int Epoch, double LearningRate, double Momentum, double Loss, int BatchSize, int TotalSteps);
