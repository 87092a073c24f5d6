namespace SuperConvergence.Training.Training;

/// <summary>One optimiser step: its global index (from 0), epoch (from 1), the settings used and the batch loss.</summary>
public readonly record struct IterationMetrics(int Step, int Epoch, double LearningRate, double Momentum, double Loss, int BatchSize);
