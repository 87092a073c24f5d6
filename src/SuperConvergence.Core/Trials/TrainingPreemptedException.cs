namespace SuperConvergence.Core.Trials;

/// <summary>
/// A training run stopped because its observer asked for preemption: <see cref="Checkpoint"/> holds exactly where it
/// stopped, so a later run resumed from it repeats no step. Not a failure of the trial.
/// </summary>
public sealed class TrainingPreemptedException(TrainingCheckpoint checkpoint)
    : Exception($"Training was preempted after {checkpoint.Epoch} epoch(s) and {checkpoint.StepInEpoch} step(s) of the next.")
{
    public TrainingCheckpoint Checkpoint { get; } = checkpoint;
}
