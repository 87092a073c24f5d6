using SuperConvergence.Core.Trials;
using SuperConvergence.Core.Trials.Simulated;

namespace SuperConvergence.Core.Tests.Trials;

/// <summary>
/// A simulated run told to stop for preemption (its worker got SIGTERM) stops at the end of the step under way with a
/// checkpoint of that step; resumed from it, the run does the rest of the epoch's steps only and ends with the
/// uninterrupted run's metrics.
/// </summary>
public sealed class SimulatedPreemptionTests
{
    private static readonly TrialConfig TwoEpochs = new("synthetic", "simulated", MaxLr: 0.8, DivFactor: 25, FinalDivFactor: 1e4,
        WeightDecay: 1e-4, BatchSize: 128, CycleEpochs: 2, BaseMomentum: 0.85, MaxMomentum: 0.95, Seed: 5);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_preempted_run_stops_after_the_step_under_way_and_resumes_from_it_repeating_no_step()
    {
        // An epoch is a minute of 100 steps of 0.6 s; preemption comes 30.3 s into epoch 2, during its step 51.
        var clock = new ManualClock();
        var steps = new List<(int Epoch, int From, int To)>();
        var trainer = new SimulatedTrainer(new SimulatedTrainerOptions
        {
            EpochDuration = TimeSpan.FromMinutes(1),
            TimeProvider = clock,
            OnSteps = (epoch, from, to) => steps.Add((epoch, from, to)),
        });
        var uninterrupted = await new SimulatedTrainer().TrainAsync(TwoEpochs, null, new PreemptableObserver(), Token);
        var first = new PreemptableObserver();
        var start = clock.GetUtcNow();

        var run = trainer.TrainAsync(TwoEpochs, null, first, Token);
        await clock.WaitForTimerAsync(Token);
        clock.Advance(TimeSpan.FromMinutes(1));
        await first.EpochEnded.Task.WaitAsync(Token);
        await clock.WaitForTimerAsync(Token);
        clock.Advance(TimeSpan.FromSeconds(30.3));
        await first.Preempt();
        await clock.WaitForTimerAsync(Token);
        Assert.False(run.IsCompleted); // step 51 is still under way
        clock.Advance(TimeSpan.FromSeconds(0.3));
        var preempted = await Assert.ThrowsAsync<TrainingPreemptedException>(() => run);

        Assert.Equal((1, 51), (preempted.Checkpoint.Epoch, preempted.Checkpoint.StepInEpoch));
        Assert.True(preempted.Checkpoint.IsMidEpoch);
        var second = new PreemptableObserver();
        var resumed = trainer.TrainAsync(TwoEpochs, preempted.Checkpoint, second, Token);
        await clock.WaitForTimerAsync(Token);
        clock.Advance(TimeSpan.FromSeconds(29.4));
        var outcome = await resumed;

        Assert.Equal(TrialEnd.Completed, outcome.Status);
        Assert.Equal(uninterrupted.Epochs.Skip(1), outcome.Epochs);
        Assert.Equal([(1, 0, 100), (2, 0, 51), (2, 51, 100)], steps);
        Assert.Equal(TimeSpan.FromMinutes(2), clock.GetUtcNow() - start);
    }

    [Fact]
    public async Task Preemption_before_an_epoch_starts_checkpoints_the_epoch_boundary_in_the_epoch_end_format()
    {
        var observer = new PreemptableObserver();
        await observer.Preempt();

        var preempted = await Assert.ThrowsAsync<TrainingPreemptedException>(() => new SimulatedTrainer().TrainAsync(TwoEpochs, null, observer, Token));

        Assert.Equal((0, 0), (preempted.Checkpoint.Epoch, preempted.Checkpoint.StepInEpoch));
        Assert.Equal(16, preempted.Checkpoint.State.Length);
        var resumed = await new SimulatedTrainer().TrainAsync(TwoEpochs, preempted.Checkpoint, new PreemptableObserver(), Token);
        Assert.Equal([1, 2], resumed.Epochs.Select(e => e.Epoch));
    }

    [Fact]
    public async Task A_mid_epoch_checkpoint_of_another_config_or_an_impossible_step_is_refused()
    {
        var observer = new PreemptableObserver();
        var clock = new ManualClock();
        var trainer = new SimulatedTrainer(new SimulatedTrainerOptions { EpochDuration = TimeSpan.FromMinutes(1), TimeProvider = clock });
        var run = trainer.TrainAsync(TwoEpochs, null, observer, Token);
        await clock.WaitForTimerAsync(Token);
        clock.Advance(TimeSpan.FromSeconds(6));
        await observer.Preempt();
        var checkpoint = (await Assert.ThrowsAsync<TrainingPreemptedException>(() => run)).Checkpoint;
        Assert.Equal((0, 10), (checkpoint.Epoch, checkpoint.StepInEpoch));

        await Assert.ThrowsAsync<ArgumentException>(() => trainer.TrainAsync(TwoEpochs with { Seed = 6 }, checkpoint, new PreemptableObserver(), Token));
        var beyondTheEpoch = (byte[])checkpoint.State.Clone();
        BitConverter.TryWriteBytes(beyondTheEpoch.AsSpan(16), SimulatedTrainingRun.StepsPerEpoch);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => trainer.TrainAsync(TwoEpochs, checkpoint with { State = beyondTheEpoch }, new PreemptableObserver(), Token));
        Assert.Contains("step 100 does not fit an epoch of 100 steps", error.Message);
    }

    private sealed class PreemptableObserver : ITrainingObserver
    {
        private readonly CancellationTokenSource _preemption = new();

        public TaskCompletionSource EpochEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken Preemption => _preemption.Token;

        public Task Preempt() => _preemption.CancelAsync();

        public ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint checkpoint, CancellationToken cancellationToken)
        {
            Assert.False(checkpoint.IsMidEpoch);
            EpochEnded.TrySetResult();
            return ValueTask.CompletedTask;
        }
    }
}
