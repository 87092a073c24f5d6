using System.Collections.Concurrent;
using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;
using SuperConvergence.Core.Trials.Simulated;

namespace SuperConvergence.Grains.Tests.Doubles;

/// <summary>
/// Real <see cref="SimulatedTrainer"/>s, of which the test can stop one mid-run: the first run to hand over epoch
/// <c>holdAfterEpoch</c> (none when null) signals <see cref="Reached"/> and waits (cancellably, as training does)
/// for <see cref="Release"/>. Every training run is recorded with the epoch it resumed after.
/// </summary>
public sealed class HeldSimulatedTrainers(int? holdAfterEpoch = null, Func<TrainerSpec, SimulatedTrainerOptions>? options = null) : ITrainerProvider
{
    private readonly TaskCompletionSource<TrialConfig> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    public ConcurrentQueue<(TrialConfig Config, int? ResumedFrom)> Runs { get; } = new();

    /// <summary>For each run in <see cref="Runs"/>, the steps into the next epoch its checkpoint was taken at (0 at an epoch's end).</summary>
    public ConcurrentQueue<int> ResumedSteps { get; } = new();

    /// <summary>Completes with the held run's config once it has handed over the hold epoch.</summary>
    public Task<TrialConfig> Reached => _reached.Task;

    public void Release() => _release.TrySetResult();

    public ITrainer Get(TrainerSpec spec) => new Trainer(this, new SimulatedTrainer(options?.Invoke(spec) ?? SimulatedTrainerOptions.For(spec)));

    private async ValueTask HoldAsync(TrialConfig config, int epoch, CancellationToken cancellationToken)
    {
        if (epoch == holdAfterEpoch && Interlocked.Exchange(ref _held, 1) == 0)
        {
            _reached.TrySetResult(config);
            await _release.Task.WaitAsync(cancellationToken);
        }
    }

    private sealed class Trainer(HeldSimulatedTrainers owner, SimulatedTrainer inner) : ITrainer
    {
        public Task<TrainingOutcome> TrainAsync(TrialConfig config, TrainingCheckpoint? resumeFrom, ITrainingObserver observer, CancellationToken cancellationToken)
        {
            owner.Runs.Enqueue((config, resumeFrom?.Epoch));
            owner.ResumedSteps.Enqueue(resumeFrom?.StepInEpoch ?? 0);
            return inner.TrainAsync(config, resumeFrom, new HoldingObserver(owner, config, observer), cancellationToken);
        }

        public Task<RangeTestOutcome> RangeTestAsync(RangeTestConfig config, IRangeTestObserver? observer, CancellationToken cancellationToken) =>
            inner.RangeTestAsync(config, observer, cancellationToken);
    }

    private sealed class HoldingObserver(HeldSimulatedTrainers owner, TrialConfig config, ITrainingObserver inner) : ITrainingObserver
    {
        public void OnStep(in TrainingStep step) => inner.OnStep(step);

        public CancellationToken Preemption => inner.Preemption;

        public async ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint checkpoint, CancellationToken cancellationToken)
        {
            await inner.OnEpochCompletedAsync(metrics, checkpoint, cancellationToken);
            await owner.HoldAsync(config, metrics.Epoch, cancellationToken);
        }
    }
}
