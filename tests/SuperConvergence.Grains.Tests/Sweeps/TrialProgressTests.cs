using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Trials;
using SuperConvergence.Grains.Tests.Doubles;

namespace SuperConvergence.Grains.Tests.Sweeps;

/// <summary>What the coordinator's trial table shows of a trial while it trains: the newest epoch's metrics.</summary>
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

    private static bool IsSlow(TrialSummary trial) => trial.Config?.MaxLr == 0.01;
}
