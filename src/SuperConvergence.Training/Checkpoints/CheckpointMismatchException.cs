namespace SuperConvergence.Training.Checkpoints;

/// <summary>A checkpoint that cannot resume this run: unreadable, or written by a run with a different plan.</summary>
public sealed class CheckpointMismatchException(string message) : Exception(message);
