using SuperConvergence.Core.Trials;

namespace SuperConvergence.Training.Training;

/// <summary>
/// The end of one epoch: its metrics and (when asked for) a checkpoint; or, when the loss blew up,
/// the step at which it did and no metrics.
/// </summary>
public sealed record EpochReport(EpochMetrics? Metrics, TrainingCheckpoint? Checkpoint, int? DivergedAtStep)
{
    public bool Diverged => DivergedAtStep is not null;
}
