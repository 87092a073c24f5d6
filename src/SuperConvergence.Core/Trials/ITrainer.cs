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
    /// epoch it was taken at and gives the same metrics as the uninterrupted run.
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

/// <summary>An opaque snapshot a trainer can resume from: taken at the end of <see cref="Epoch"/>.</summary>
public sealed record TrainingCheckpoint(int Epoch, byte[] State);

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
}
