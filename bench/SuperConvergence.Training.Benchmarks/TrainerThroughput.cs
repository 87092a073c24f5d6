using SuperConvergence.Core.Trials;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Training;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Benchmarks;

/// <summary>
/// The trainer as a sweep runs it: shuffled batches gathered and normalised on the device, the LR and momentum set
/// from the schedule every step, the loss read back and checked, per-iteration metrics handed to a callback.
/// One epoch per measurement; its images/s is the trainer's own figure (training loop only, no evaluation).
/// </summary>
internal sealed class TrainerThroughput : IDisposable
{
    private readonly TrainingSession _session;
    private readonly MetricsRecorder _recorder = new();

    public TrainerThroughput(TrainingPlan plan, DatasetDefinition dataset, PreparedData data, Device device)
    {
        _session = TrainingSession.Create(plan, dataset, data, device);
    }

    public int StepsPerEpoch => _session.StepsPerEpoch;

    public double ImagesPerSecond() =>
        _session.RunEpoch(_recorder, CancellationToken.None).Metrics?.ImagesPerSecond
        ?? throw new InvalidOperationException("the benchmark run diverged; lower its max LR");

    public void Dispose() => _session.Dispose();

    /// <summary>Keeps every iteration's metrics, as an orchestration layer streaming them would.</summary>
    private sealed class MetricsRecorder : TrainingCallbacks
    {
        private readonly List<IterationMetrics> _iterations = new(capacity: 1 << 16);

        public override void OnIteration(in IterationMetrics metrics) => _iterations.Add(metrics);

        public override ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint? checkpoint, CancellationToken cancellationToken) =>
            ValueTask.CompletedTask;
    }
}
