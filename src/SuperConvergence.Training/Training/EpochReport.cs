namespace SuperConvergence.Training.Training;

/// <summary>
/// The end of one epoch: its metrics and (when asked for) a checkpoint; or, when the loss blew up,
/// the step at which it did and no metrics; or, <see cref="IsPaused"/>, an epoch that stopped part-way for preemption.
/// </summary>
public sealed record EpochReport(EpochMetrics? Metrics, TrainingCheckpoint? Checkpoint, int? DivergedAtStep, bool IsPaused = false)
{
    /// <summary>The epoch stopped before a step because preemption was asked for; the session holds where.</summary>
    public static EpochReport Paused { get; } = new(null, null, null, IsPaused: true);

    public bool Diverged => DivergedAtStep is not null;
}
