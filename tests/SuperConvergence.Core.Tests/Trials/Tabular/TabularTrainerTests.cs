using SuperConvergence.Core.Trials;
using SuperConvergence.Core.Trials.Tabular;

namespace SuperConvergence.Core.Tests.Trials.Tabular;

/// <summary>The tabular trainer on a small committed table carved from bench/search's table of real runs.</summary>
public sealed class TabularTrainerTests
{
    internal static readonly string SmallTable = RepositoryFiles.PathOf("tests/SuperConvergence.Core.Tests/Trials/Tabular/small-table.json");

    private static readonly TrialTableIndex Index = new(TrialTableFile.Read(SmallTable), SmallTable);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static TrialConfig ConfigOf(TableTrial trial, int? seed = null) => new(
        Index.Table.Dataset, Index.Table.Model, trial.MaxLr, 25, 1e4, trial.WeightDecay, trial.BatchSize, trial.CycleEpochs, 0.85, 0.95, seed ?? trial.Seed);

    private static TableTrial Completed(int cycle) =>
        Index.Table.Trials.First(t => t.Status == TrialEnd.Completed && t.CycleEpochs == cycle);

    [Fact]
    public void The_committed_table_is_a_complete_grid_with_curves_for_every_cell()
    {
        var table = Index.Table;
        Assert.Equal(TrialTable.Schema, "superconvergence.trial-table/1");
        Assert.True(table.MaxLrs.Count >= 4 && table.Seeds.Count >= 2 && table.CycleEpochs.Count >= 2);
        Assert.Equal(table.MaxLrs.Count * table.WeightDecays.Count * table.BatchSizes.Count * table.CycleEpochs.Count * table.Seeds.Count, table.Trials.Count);
        Assert.Contains(table.Trials, t => t.Status == TrialEnd.Diverged);
        Assert.All(table.RangeTests, r => Assert.True(r.Points.Count >= 2));
    }

    [Fact]
    public async Task A_trial_replays_the_recorded_epochs_of_its_grid_point_and_seed()
    {
        var recorded = Completed(cycle: 2);
        var observer = new RecordingObserver();

        var outcome = await new TabularTrainer(Index).TrainAsync(ConfigOf(recorded), null, observer, Token);

        Assert.Equal(TrialEnd.Completed, outcome.Status);
        Assert.Equal(recorded.Epochs.Select(e => (e.TrainLoss, e.TestLoss, e.TestAccuracy)), outcome.Epochs.Select(e => (e.TrainLoss, e.TestLoss, e.TestAccuracy)));
        Assert.Equal([1, 2], outcome.Epochs.Select(e => e.Epoch));
        Assert.Equal(outcome.Epochs, observer.Metrics);
        // The LR at the end of the cycle is the 1cycle's final LR, far below the start.
        Assert.True(outcome.Epochs[^1].LearningRate < recorded.MaxLr / 25 / 100);
    }

    [Fact]
    public async Task A_max_lr_between_grid_points_replays_the_nearest_in_log_space()
    {
        var lrs = Index.Table.MaxLrs;
        var (low, high) = (lrs[1], lrs[2]);
        var nearLow = Math.Exp((0.4 * Math.Log(high)) + (0.6 * Math.Log(low)));
        var nearHigh = Math.Exp((0.6 * Math.Log(high)) + (0.4 * Math.Log(low)));

        Assert.Equal(low, Index.NearestMaxLr(nearLow));
        Assert.Equal(high, Index.NearestMaxLr(nearHigh));
        Assert.Equal(lrs[0], Index.NearestMaxLr(lrs[0] / 1000));
        Assert.Equal(lrs[^1], Index.NearestMaxLr(lrs[^1] * 1000));
        var recorded = Index.Table.Trials.First(t => t.MaxLr == low);
        var replayed = Index.Trial(ConfigOf(recorded) with { MaxLr = nearLow });
        Assert.Same(recorded, replayed);
    }

    [Fact]
    public void The_trial_seed_picks_a_recorded_seed_so_seeds_see_different_noise()
    {
        var recorded = Completed(cycle: 1);
        var seeds = Index.Table.Seeds;
        var picked = Enumerable.Range(-3, 12).Select(seed => Index.Trial(ConfigOf(recorded, seed)).Seed).ToArray();

        Assert.Equal(seeds.Order(), picked.Distinct().Order());
        Assert.Equal(Index.Trial(ConfigOf(recorded, 5)).Seed, Index.Trial(ConfigOf(recorded, 5 + (2 * seeds.Count))).Seed);
        Assert.All(seeds, seed => Assert.Equal(seed, Index.Trial(ConfigOf(recorded, seed)).Seed));
    }

    [Fact]
    public async Task A_diverged_run_replays_its_completed_epochs_and_reports_divergence()
    {
        var recorded = Index.Table.Trials.First(t => t.Status == TrialEnd.Diverged);

        var outcome = await new TabularTrainer(Index).TrainAsync(ConfigOf(recorded), null, new RecordingObserver(), Token);

        Assert.Equal(TrialEnd.Diverged, outcome.Status);
        Assert.Equal(recorded.Epochs.Count, outcome.Epochs.Count);
    }

    [Fact]
    public async Task Resuming_from_any_checkpoint_continues_with_the_epochs_of_the_uninterrupted_run()
    {
        var config = ConfigOf(Completed(cycle: 2));
        var trainer = new TabularTrainer(Index);
        var observer = new RecordingObserver();
        var uninterrupted = await trainer.TrainAsync(config, null, observer, Token);

        foreach (var checkpoint in observer.Checkpoints)
        {
            var resumed = await trainer.TrainAsync(config, checkpoint, new RecordingObserver(), Token);
            Assert.Equal(uninterrupted.Epochs.Skip(checkpoint.Epoch), resumed.Epochs);
        }

        var other = config with { Seed = config.Seed + 1 };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => trainer.TrainAsync(other, observer.Checkpoints[0], new RecordingObserver(), Token));
        Assert.Contains("different trial config", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_off_the_grid_is_refused_naming_it_and_the_grid()
    {
        var config = ConfigOf(Completed(cycle: 1)) with { WeightDecay = 0.123 };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new TabularTrainer(Index).TrainAsync(config, null, new RecordingObserver(), Token));

        Assert.Contains("weight decay 0.123", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_range_test_replays_the_recorded_curve_of_its_cell_and_reports_progress()
    {
        var recorded = Index.Table.RangeTests[0];
        var settings = Index.Table.RangeTest;
        var config = new RangeTestConfig(Index.Table.Dataset, Index.Table.Model, settings.StartLr, settings.EndLr, settings.Iterations,
            RangeTestRamp.Exponential, recorded.WeightDecay, recorded.BatchSize, settings.Momentum, recorded.Seed, settings.AccuracyEvery);
        var progress = new List<RangeTestProgress>();

        var outcome = await new TabularTrainer(Index).RangeTestAsync(config, new ProgressRecorder(progress), Token);

        Assert.Equal(recorded.Diverged, outcome.Diverged);
        Assert.Equal(recorded.Points, outcome.Points);
        Assert.NotEmpty(progress);
        Assert.Equal(recorded.Points.Count, progress[^1].Iterations);

        var otherRamp = config with { Iterations = settings.Iterations + 1 };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => new TabularTrainer(Index).RangeTestAsync(otherRamp, null, Token));
        Assert.Contains($"over {settings.Iterations} iterations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_epoch_duration_each_replayed_epoch_waits_on_the_clock()
    {
        var clock = new ManualClock();
        var trainer = new TabularTrainer(Index, new TabularTrainerOptions { EpochDuration = TimeSpan.FromSeconds(10), TimeProvider = clock });
        var observer = new RecordingObserver();

        var run = trainer.TrainAsync(ConfigOf(Completed(cycle: 2)), null, observer, Token);
        await clock.WaitForTimerAsync(Token);
        Assert.Empty(observer.Metrics);
        clock.Advance(TimeSpan.FromSeconds(10));
        await clock.WaitForTimerAsync(Token);
        Assert.Single(observer.Metrics);
        clock.Advance(TimeSpan.FromSeconds(10));
        var outcome = await run;

        Assert.Equal(2, outcome.Epochs.Count);
    }

    private sealed class RecordingObserver : ITrainingObserver
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

    private sealed class ProgressRecorder(List<RangeTestProgress> progress) : IRangeTestObserver
    {
        public void OnRangeTestProgress(RangeTestProgress report) => progress.Add(report);
    }
}
