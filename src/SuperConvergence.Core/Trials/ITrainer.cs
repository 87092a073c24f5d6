namespace SuperConvergence.Core.Trials;

/// <summary>
/// The seam between orchestration and training. Workers call it; the TorchSharp trainer is the real one,
/// the simulated trainer serves orchestration tests and overhead benchmarks.
/// Implementations honour cancellation cooperatively (at least once per iteration or simulated step).
/// </summary>
public interface ITrainer
{
    /// <summary>
    /// Trains <paramref name="config"/> with the 1cycle policy over CycleEpochs epochs. When
    /// <paramref name="resumeFrom"/> holds a checkpoint written by this trainer, training continues after the
    /// epoch it was taken at and gives the same metrics as the uninterrupted run. When the observer's
    /// <see cref="ITrainingObserver.Preemption"/> fires, the trainer stops before its next step and throws
    /// <see cref="TrainingPreemptedException"/> with a checkpoint of exactly where it stopped (mid-epoch when it
    /// stopped mid-epoch), from which a later call continues without repeating a step.
    /// </summary>
    Task<TrainingOutcome> TrainAsync(
        TrialConfig config,
        TrainingCheckpoint? resumeFrom,
        ITrainingObserver observer,
        CancellationToken cancellationToken);

    /// <summary>
    /// Runs one LR range test and returns its curve; stops early on divergence. While it runs it tells
    /// <paramref name="observer"/> (null when nobody watches) how far it has got, never after returning.
    /// </summary>
    Task<RangeTestOutcome> RangeTestAsync(RangeTestConfig config, IRangeTestObserver? observer, CancellationToken cancellationToken);
}

/// <summary>
/// An opaque snapshot a trainer can resume from: taken after <see cref="Epoch"/> whole epochs and
/// <see cref="StepInEpoch"/> steps of the next one (0 at an epoch's end; above 0 only for a preempted run's checkpoint).
/// </summary>
public sealed record TrainingCheckpoint(int Epoch, byte[] State, int StepInEpoch = 0)
{
    /// <summary>Whether the checkpoint was taken inside an epoch rather than at its end.</summary>
    public bool IsMidEpoch => StepInEpoch > 0;
}

/// <summary>Receives per-epoch progress; the orchestration layer persists metrics and checkpoints here.</summary>
public interface ITrainingObserver
{
    ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>
    /// Where the run stands after a step, for live views. Trainers call it on the training thread after every step
    /// (or, when they have no steps of their own, at each epoch's end), so it must be cheap and must not block.
    /// </summary>
    void OnStep(in TrainingStep step)
    {
    }

    /// <summary>
    /// Fires when the run must stop soon and be continued elsewhere (its worker got SIGTERM): unlike cancellation,
    /// which abandons the run, the trainer then stops at its next step and hands over a checkpoint of that step
    /// (<see cref="TrainingPreemptedException"/>). None by default: nothing asks for it.
    /// </summary>
    CancellationToken Preemption => CancellationToken.None;
}
