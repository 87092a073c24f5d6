namespace SuperConvergence.Training.Training;

/// <summary>
/// Hooks into a training run. <see cref="OnIteration"/> runs on the training thread after every step and must be
/// cheap; <see cref="OnEpochCompletedAsync"/> runs in the caller's context after each evaluated epoch.
/// </summary>
public abstract class TrainingCallbacks
{
    public static TrainingCallbacks None { get; } = new NoCallbacks();

    /// <summary>When true, every epoch's report carries a checkpoint (costs one serialisation of model and optimiser).</summary>
    public virtual bool WantsCheckpoints => false;

    /// <summary>
    /// When it fires, the run stops before its next step and ends with <see cref="Core.Trials.TrainingPreemptedException"/>
    /// carrying a checkpoint of that step (the worker got SIGTERM); unlike cancellation, nothing is lost.
    /// </summary>
    public virtual CancellationToken Preemption => CancellationToken.None;

    public virtual void OnIteration(in IterationMetrics metrics)
    {
    }

    public virtual ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint? checkpoint, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    private sealed class NoCallbacks : TrainingCallbacks;
}
