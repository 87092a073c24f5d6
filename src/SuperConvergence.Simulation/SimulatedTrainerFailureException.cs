namespace SuperConvergence.Core.Trials.Simulated;

/// <summary>The failure a <see cref="SimulatedTrainer"/> throws for runs its options mark as failing.</summary>
public sealed class SimulatedTrainerFailureException(string message) : Exception(message);
