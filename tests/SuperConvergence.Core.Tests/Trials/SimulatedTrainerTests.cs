using SuperConvergence.Core.Trials;
using SuperConvergence.Core.Trials.Simulated;

namespace SuperConvergence.Core.Tests.Trials;

public sealed class SimulatedTrainerTests
{
    private static readonly TrialConfig Good = new("synthetic", "simulated", MaxLr: 0.8, DivFactor: 25, FinalDivFactor: 1e4,
        WeightDecay: 1e-4, BatchSize: 128, CycleEpochs: 6, BaseMomentum: 0.85, MaxMomentum: 0.95, Seed: 5);

    private static readonly RangeTestConfig RangeTest = new("synthetic", "simulated", StartLr: 1e-5, EndLr: 10, Iterations: 300,
        RangeTestRamp.Exponential, WeightDecay: 1e-4, BatchSize: 128, Momentum: 0.85, Seed: 3, AccuracyEvery: 10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_config_and_seed_give_the_same_metrics_and_another_seed_different_ones()
    {
        var trainer = new SimulatedTrainer();

        var first = await trainer.TrainAsync(Good, null, new RecordingObserver(), Token);
        var again = await new SimulatedTrainer().TrainAsync(Good, null, new RecordingObserver(), Token);
        var otherSeed = await trainer.TrainAsync(Good with { Seed = 6 }, null, new RecordingObserver(), Token);

        Assert.Equal(TrialEnd.Completed, first.Status);
        Assert.Equal(Good.CycleEpochs, first.Epochs.Count);
        Assert.Equal(first.Epochs, again.Epochs);
        Assert.NotEqual(first.Last!.TestAccuracy, otherSeed.Last!.TestAccuracy);
        Assert.Equal(Enumerable.Range(1, Good.CycleEpochs), first.Epochs.Select(epoch => epoch.Epoch));
    }

    [Fact]
    public async Task Resuming_from_any_checkpoint_continues_with_the_metrics_of_the_uninterrupted_run()
    {
        var trainer = new SimulatedTrainer();
        var observer = new RecordingObserver();
        var uninterrupted = await trainer.TrainAsync(Good, null, observer, Token);

        foreach (var checkpoint in observer.Checkpoints)
        {
            var resumed = await trainer.TrainAsync(Good, checkpoint, new RecordingObserver(), Token);
            Assert.Equal(uninterrupted.Epochs.Skip(checkpoint.Epoch), resumed.Epochs);
        }
    }

    [Fact]
    public async Task A_checkpoint_of_another_config_is_refused()
    {
        var observer = new RecordingObserver();
        await new SimulatedTrainer().TrainAsync(Good, null, observer, Token);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            new SimulatedTrainer().TrainAsync(Good with { MaxLr = 0.9 }, observer.Checkpoints[1], new RecordingObserver(), Token));
    }

    [Fact]
    public async Task A_max_lr_above_the_batch_sizes_threshold_diverges_with_nan_loss_and_stops()
    {
        var tooHigh = Good with { MaxLr = SimulatedSurface.DivergenceLr(Good.BatchSize) * 2 };
        var observer = new RecordingObserver();

        var outcome = await new SimulatedTrainer().TrainAsync(tooHigh, null, observer, Token);

        Assert.Equal(TrialEnd.Diverged, outcome.Status);
        Assert.True(double.IsNaN(outcome.Last!.TrainLoss));
        Assert.True(outcome.Epochs.Count < tooHigh.CycleEpochs, "the run stops in the epoch it diverges");
        Assert.All(outcome.Epochs.SkipLast(1), epoch => Assert.False(double.IsNaN(epoch.TrainLoss)));
        Assert.Equal(outcome.Epochs, observer.Metrics);
    }

    [Fact]
    public async Task Larger_batches_tolerate_larger_learning_rates()
    {
        var lr = SimulatedSurface.DivergenceLr(128) * 1.5;
        var trainer = new SimulatedTrainer();

        var small = await trainer.TrainAsync(Good with { MaxLr = lr, BatchSize = 128 }, null, new RecordingObserver(), Token);
        var large = await trainer.TrainAsync(Good with { MaxLr = lr, BatchSize = 512 }, null, new RecordingObserver(), Token);

        Assert.Equal(TrialEnd.Diverged, small.Status);
        Assert.Equal(TrialEnd.Completed, large.Status);
    }

    [Fact]
    public async Task Cancellation_stops_the_run_between_epochs()
    {
        using var cancellation = new CancellationTokenSource();
        var observer = new RecordingObserver(afterEpoch: epoch =>
        {
            if (epoch == 2)
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new SimulatedTrainer().TrainAsync(Good, null, observer, cancellation.Token));

        Assert.Equal(2, observer.Metrics.Count);
    }

    [Fact]
    public async Task With_an_epoch_duration_each_epoch_waits_on_the_clock_and_cancellation_interrupts_the_wait()
    {
        var clock = new ManualClock();
        var trainer = new SimulatedTrainer(new SimulatedTrainerOptions { EpochDuration = TimeSpan.FromMinutes(1), TimeProvider = clock });
        var observer = new RecordingObserver();
        using var cancellation = new CancellationTokenSource();

        var run = trainer.TrainAsync(Good, null, observer, cancellation.Token);
        await clock.WaitForTimerAsync(Token);
        Assert.False(run.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(1));
        await observer.WaitForEpochAsync(1, Token);
        await clock.WaitForTimerAsync(Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Single(observer.Metrics);
    }

    [Fact]
    public void Spec_epoch_seconds_become_the_epoch_duration()
    {
        var options = SimulatedTrainerOptions.For(new Core.Sweeps.TrainerSpec(Core.Sweeps.TrainerKind.Simulated, 0.5));

        Assert.Equal(TimeSpan.FromMilliseconds(500), options.EpochDuration);
    }

    [Fact]
    public async Task Configured_failures_throw_after_reporting_the_epochs_before_them()
    {
        var trainer = new SimulatedTrainer(new SimulatedTrainerOptions { FailWhen = config => config.Seed == 5, FailAtEpoch = 3 });
        var observer = new RecordingObserver();

        await Assert.ThrowsAsync<SimulatedTrainerFailureException>(() => trainer.TrainAsync(Good, null, observer, Token));
        await Assert.ThrowsAsync<SimulatedTrainerFailureException>(() => trainer.TrainAsync(Good, observer.Checkpoints[^1], new RecordingObserver(), Token));
        var other = await trainer.TrainAsync(Good with { Seed = 6 }, null, new RecordingObserver(), Token);

        Assert.Equal(2, observer.Metrics.Count);
        Assert.Equal(TrialEnd.Completed, other.Status);
    }

    [Fact]
    public async Task Transient_failures_let_a_resumed_run_finish_with_the_uninterrupted_metrics()
    {
        var failing = new SimulatedTrainer(new SimulatedTrainerOptions { FailWhen = _ => true, FailAtEpoch = 4, FailuresAreTransient = true });
        var observer = new RecordingObserver();
        await Assert.ThrowsAsync<SimulatedTrainerFailureException>(() => failing.TrainAsync(Good, null, observer, Token));

        var resumed = await failing.TrainAsync(Good, observer.Checkpoints[^1], new RecordingObserver(), Token);
        var uninterrupted = await new SimulatedTrainer().TrainAsync(Good, null, new RecordingObserver(), Token);

        Assert.Equal(uninterrupted.Epochs.Skip(3), resumed.Epochs);
    }

    [Fact]
    public void A_failure_fraction_fails_about_that_share_of_configs()
    {
        var trainer = new SimulatedTrainer(new SimulatedTrainerOptions { FailureFraction = 0.2 });

        var failing = Enumerable.Range(0, 5000).Count(seed => trainer.Fails(Good with { Seed = seed }));

        Assert.InRange(failing, 900, 1100);
    }

    [Fact]
    public async Task A_range_test_falls_bottoms_out_and_blows_up_past_the_divergence_lr()
    {
        var outcome = await new SimulatedTrainer().RangeTestAsync(RangeTest, null, Token);
        var again = await new SimulatedTrainer().RangeTestAsync(RangeTest, null, Token);
        var divergence = SimulatedSurface.DivergenceLr(RangeTest.BatchSize);

        Assert.Equal(outcome.Points, again.Points);
        Assert.True(outcome.Diverged);
        Assert.True(double.IsNaN(outcome.Points[^1].Loss));
        Assert.InRange(outcome.Points[^1].LearningRate, divergence, divergence * 1.5);
        var finite = outcome.Points.Where(point => double.IsFinite(point.Loss)).ToArray();
        var lowest = finite.MinBy(point => point.Loss);
        Assert.True(finite[0].Loss > 2 * lowest.Loss);
        Assert.InRange(lowest.LearningRate, divergence / 30, divergence);
        Assert.True(finite[^1].Loss > 2 * lowest.Loss, "the loss climbs before it turns NaN");
        Assert.Equal(RangeTest.StartLr, outcome.Points[0].LearningRate, 12);
        Assert.All(outcome.Points.Where((_, i) => (i + 1) % RangeTest.AccuracyEvery == 0), point => Assert.NotNull(point.Accuracy));
    }

    [Fact]
    public async Task A_range_tests_accuracy_stays_high_over_a_wide_lr_plateau()
    {
        var outcome = await new SimulatedTrainer().RangeTestAsync(RangeTest, null, Token);
        var withAccuracy = outcome.Points.Where(point => point.Accuracy is not null && double.IsFinite(point.Loss)).ToArray();
        var peak = withAccuracy.Max(point => point.Accuracy!.Value);

        var plateau = withAccuracy.Where(point => point.Accuracy >= peak - 0.05).Select(point => point.LearningRate).ToArray();

        Assert.True(Math.Log10(plateau.Max() / plateau.Min()) > 0.8, "accuracy within 5 points of its peak over most of a decade");
    }

    [Fact]
    public async Task A_failing_range_test_throws()
    {
        var trainer = new SimulatedTrainer(new SimulatedTrainerOptions { FailRangeTestWhen = config => config.Seed == 3 });

        await Assert.ThrowsAsync<SimulatedTrainerFailureException>(() => trainer.RangeTestAsync(RangeTest, null, Token));
    }

    [Fact]
    public async Task A_range_test_reports_a_few_growing_progress_points_ending_at_its_last_iteration()
    {
        var calm = RangeTest with { EndLr = SimulatedSurface.DivergenceLr(RangeTest.BatchSize) / 10 };
        var progress = new RecordingRangeTestObserver(TimeProvider.System);

        var outcome = await new SimulatedTrainer().RangeTestAsync(calm, progress, Token);

        Assert.False(outcome.Diverged);
        Assert.InRange(progress.Reports.Count, 2, 20);
        Assert.All(progress.Reports.Zip(progress.Reports.Skip(1)), pair => Assert.True(pair.Second.Iterations > pair.First.Iterations));
        Assert.All(progress.Reports, report => Assert.Equal(calm.Iterations, report.PlannedIterations));
        var last = progress.Reports[^1];
        Assert.Equal(calm.Iterations, last.Iterations);
        Assert.Equal(outcome.Points[^1].LearningRate, last.LearningRate);
        Assert.Equal(outcome.Points[^1].Loss, last.Loss);
        Assert.Equal(outcome.Points.Last(point => point.Accuracy is not null).Accuracy, last.Accuracy);
        Assert.All(progress.Reports, report => Assert.Equal(outcome.Points[report.Iterations - 1].LearningRate, report.LearningRate));
    }

    [Fact]
    public async Task A_diverging_range_test_reports_up_to_where_its_curve_stops()
    {
        var progress = new RecordingRangeTestObserver(TimeProvider.System);

        var outcome = await new SimulatedTrainer().RangeTestAsync(RangeTest, progress, Token);

        Assert.True(outcome.Diverged);
        Assert.Equal(outcome.Points.Count, progress.Reports[^1].Iterations);
        Assert.True(double.IsNaN(progress.Reports[^1].Loss));
    }

    [Fact]
    public async Task A_range_test_spends_its_share_of_an_epoch_in_steps_each_reporting_the_progress_it_stands_for()
    {
        var calm = RangeTest with { EndLr = SimulatedSurface.DivergenceLr(RangeTest.BatchSize) / 10 };
        var clock = new ManualClock();
        var start = clock.GetUtcNow();
        var trainer = new SimulatedTrainer(new SimulatedTrainerOptions { EpochDuration = TimeSpan.FromMinutes(1), TimeProvider = clock });
        var progress = new RecordingRangeTestObserver(clock);
        // 300 batches of 128 out of the nominal 60,000 images: 64% of the epoch's minute.
        var share = TimeSpan.FromMinutes(1) * (300.0 * 128 / 60_000);

        var run = trainer.RangeTestAsync(calm, progress, Token);
        while (await Task.WhenAny(run, clock.WaitForTimerAsync(Token)) != run)
        {
            // Small ticks the steps' ends fall on, so the clock never runs past one.
            clock.Advance(share / 100);
        }

        await run;
        Assert.Equal(share, clock.GetUtcNow() - start);
        Assert.Equal(calm.Iterations, progress.Reports[^1].Iterations);
        Assert.All(progress.Reports.Zip(progress.Times), pair =>
            Assert.Equal(pair.First.Iterations / (double)calm.Iterations, (pair.Second - start) / share, 9));
    }

    private sealed class RecordingObserver(Action<int>? afterEpoch = null) : ITrainingObserver
    {
        private readonly List<TaskCompletionSource> _epochSignals = [];

        public List<EpochMetrics> Metrics { get; } = [];

        public List<TrainingCheckpoint> Checkpoints { get; } = [];

        public ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint checkpoint, CancellationToken cancellationToken)
        {
            Metrics.Add(metrics);
            Checkpoints.Add(checkpoint);
            Assert.Equal(metrics.Epoch, checkpoint.Epoch);
            afterEpoch?.Invoke(metrics.Epoch);
            lock (_epochSignals)
            {
                Signal(metrics.Epoch).TrySetResult();
            }

            return ValueTask.CompletedTask;
        }

        public Task WaitForEpochAsync(int epoch, CancellationToken cancellationToken)
        {
            lock (_epochSignals)
            {
                return Signal(epoch).Task.WaitAsync(cancellationToken);
            }
        }

        private TaskCompletionSource Signal(int epoch)
        {
            while (_epochSignals.Count < epoch)
            {
                _epochSignals.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            return _epochSignals[epoch - 1];
        }
    }

    private sealed class RecordingRangeTestObserver(TimeProvider clock) : IRangeTestObserver
    {
        public List<RangeTestProgress> Reports { get; } = [];

        public List<DateTimeOffset> Times { get; } = [];

        public void OnRangeTestProgress(RangeTestProgress progress)
        {
            Reports.Add(progress);
            Times.Add(clock.GetUtcNow());
        }
    }
}
