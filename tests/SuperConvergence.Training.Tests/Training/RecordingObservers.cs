using SuperConvergence.Core.Trials;

namespace SuperConvergence.Training.Tests.Training;

/// <summary>Keeps every epoch's metrics and checkpoint a trainer reports, in order.</summary>
internal sealed class RecordingObserver : ITrainingObserver
{
    public List<EpochMetrics> Metrics { get; } = [];

    public List<TrainingCheckpoint> Checkpoints { get; } = [];

    public ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        Metrics.Add(metrics);
        Checkpoints.Add(checkpoint);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Keeps every range-test progress report. Called on the training thread; tests read the list once the run has returned.</summary>
internal sealed class RecordingRangeTestObserver : IRangeTestObserver
{
    public List<RangeTestProgress> Reports { get; } = [];

    public void OnRangeTestProgress(RangeTestProgress progress) => Reports.Add(progress);
}
