using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Trials;
using SuperConvergence.Grains.Tests.Doubles;

namespace SuperConvergence.Grains.Tests.Sweeps;

/// <summary>
/// What the coordinator's trial table shows of a trial while it runs: the newest epoch's metrics, or a range test's
/// newest progress.
/// </summary>
public sealed class TrialProgressTests
{
    private readonly ScriptedTrainer _trainer = new();

    [Fact]
    public async Task A_running_trial_carries_its_latest_epoch_and_keeps_it_when_final()
    {
        var held = _trainer.HoldBeforeEpoch(0.01, 3);
        await using var cluster = await SweepTestCluster.StartAsync(_trainer, new ListStrategyFactory(), new JsonSpecParser(), new InMemoryCheckpointStore());
        await cluster.Sweep("p1").Start(JsonSpecParser.Write(SpecBuilder.Small(cycleEpochs: 3, maxConcurrent: 2, weightDecay: [1e-4])));
        await held.WaitAsync(TestContext.Current.CancellationToken);

        // Epochs 1 and 2 are recorded in the background; the trial waits before epoch 3 until released.
        var status = await cluster.WaitForAsync("p1", s => s.Trials.Any(t => IsSlow(t) && t.EpochsCompleted == 2));
        var running = Assert.Single(status.Trials, IsSlow);
        Assert.Equal(TrialState.Running, running.State);
        Assert.Null(running.Accuracy);
        Assert.Equal(new EpochMetrics(2, 0.5, 0.5, ScriptedTrainer.AccuracyOf(running.Config!, 2), 0.01, 1000), running.LatestEpoch);
        var active = Assert.Single(await cluster.Sweep("p1").GetActiveTrials(10), IsSlow);
        Assert.Equal(running.LatestEpoch, active.LatestEpoch);

        _trainer.Release(0.01);
        var finished = Assert.Single((await cluster.WaitForAsync("p1", s => s.State == SweepState.Completed)).Trials, IsSlow);

        Assert.Equal(3, finished.LatestEpoch!.Epoch);
        Assert.Equal(finished.Accuracy, finished.LatestEpoch.TestAccuracy);
    }

    [Fact]
    public async Task Epochs_that_end_within_the_report_interval_before_the_end_travel_with_the_completion()
    {
        // Epochs here take no time: epoch 1 is reported at once, epochs 2-5 end within the one-second report interval
        // and reach the trial with the completion, epoch 6 as its final one.
        await using var cluster = await SweepTestCluster.StartAsync(_trainer, new ListStrategyFactory(), new JsonSpecParser(), new InMemoryCheckpointStore());
        var status = await cluster.Sweep("c1").Start(JsonSpecParser.Write(SpecBuilder.Small(cycleEpochs: 6, maxConcurrent: 2, weightDecay: [1e-4])));
        status = await cluster.WaitForAsync("c1", s => s.State == SweepState.Completed);

        foreach (var trial in status.Trials)
        {
            var view = await cluster.Client.GetGrain<Abstractions.Grains.ITrialGrain>(trial.TrialId).Get();
            Assert.Equal([1, 2, 3, 4, 5, 6], view.Epochs.Select(e => e.Epoch).ToArray());
            Assert.Equal(view.Epochs[^1].TestAccuracy, view.Accuracy);
        }
    }

    [Fact]
    public async Task A_running_range_test_carries_its_newest_progress_and_where_its_curve_ended_when_final()
    {
        var held = _trainer.HoldRangeTestAfter(12);
        await using var cluster = await SweepTestCluster.StartAsync(_trainer, new ListStrategyFactory(), new JsonSpecParser(), new InMemoryCheckpointStore());
        await cluster.Sweep("r1").Start(JsonSpecParser.Write(SpecBuilder.Small(rangeTestSeeds: 1, maxConcurrent: 2, weightDecay: [1e-4])));
        await held.WaitAsync(TestContext.Current.CancellationToken);

        // The worker sent iteration 1 at once and the newest, 12, after its report interval; the test waits for that.
        var status = await cluster.WaitForAsync("r1", s => s.Trials.Any(t => t.Kind == TrialKind.RangeTest && t.RangeTestProgress?.Iterations == 12));
        var running = Assert.Single(status.Trials, t => t.Kind == TrialKind.RangeTest);
        var config = Assert.IsType<RangeTestProposal>(running.Proposal).Config;
        Assert.Equal(TrialState.Running, running.State);
        Assert.Equal(
            new RangeTestProgress(12, config.Iterations, ScriptedTrainer.RangeTestPointAt(config, 11).LearningRate, ScriptedTrainer.RangeTestPointAt(config, 11).Loss, ScriptedTrainer.RangeTestPointAt(config, 9).Accuracy),
            running.RangeTestProgress);
        Assert.Null(running.LatestEpoch);
        var active = Assert.Single(await cluster.Sweep("r1").GetActiveTrials(10), t => t.Kind == TrialKind.RangeTest);
        Assert.Equal(running.RangeTestProgress, active.RangeTestProgress);

        _trainer.ReleaseRangeTest();
        var finished = Assert.Single((await cluster.WaitForAsync("r1", s => s.State == SweepState.Completed)).Trials, t => t.Kind == TrialKind.RangeTest);

        Assert.Equal(TrialState.Completed, finished.State);
        Assert.Equal(config.Iterations, finished.RangeTestProgress!.Iterations);
        Assert.Equal(ScriptedTrainer.RangeTestPointAt(config, config.Iterations - 1).LearningRate, finished.RangeTestProgress.LearningRate);
        Assert.All(status.Trials.Where(t => t.Kind == TrialKind.Train), t => Assert.Null(t.RangeTestProgress));
    }

    private static bool IsSlow(TrialSummary trial) => trial.Config?.MaxLr == 0.01;
}
