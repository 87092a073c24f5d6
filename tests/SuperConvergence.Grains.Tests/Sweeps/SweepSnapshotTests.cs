using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Grains.Telemetry;
using SuperConvergence.Grains.Tests.Doubles;

namespace SuperConvergence.Grains.Tests.Sweeps;

public sealed class SweepSnapshotTests
{
    private readonly ScriptedTrainer _trainer = new();
    private readonly ListStrategyFactory _strategies = new();

    [Fact]
    public async Task A_running_sweep_publishes_its_bounds_round_and_counts_and_withdraws_them_when_its_grain_deactivates()
    {
        var ct = TestContext.Current.CancellationToken;
        var held = _trainer.HoldBeforeEpoch(0.01, 2);
        await using var cluster = await SweepTestCluster.StartAsync(_trainer, _strategies, new JsonSpecParser(), new InMemoryCheckpointStore(), slotsPerSilo: 1);
        var snapshots = SnapshotsOf(cluster);
        var spec = SpecBuilder.Small(maxConcurrent: 1);

        // Four trials: one in the only slot, held there, and three queued ahead of it.
        await cluster.Sweep("g1").Start(JsonSpecParser.Write(spec));
        await held.WaitAsync(ct);
        await cluster.WaitForAsync("g1", s => s.Counts.GetValueOrDefault(TrialState.Running) == 1);

        var running = snapshots.Find("g1");
        Assert.NotNull(running);
        Assert.True(running.Running);
        Assert.Equal(spec.Name, running.Name);
        Assert.Equal(0, running.Round);
        Assert.Equal(_strategies.Created[^1].Progress.Bounds, running.MaxLrBounds);
        Assert.Null(running.BestAccuracy);
        Assert.Equal(3, running.Trials[TrialState.Pending]);
        Assert.Equal(1, running.Trials[TrialState.Running]);
        Assert.All(SweepTrialCounts.States.Where(s => s.IsFinal()), s => Assert.Equal(0, running.Trials[s]));
        Assert.Equal(0, running.TrialEpochsUsed);
        Assert.Equal(spec.Budget.TrialEpochs, running.TrialEpochsBudget);

        _trainer.Release(0.01);
        var status = await cluster.WaitForAsync("g1", s => s.State == SweepState.Completed);

        // The final values stay while the grain is active; the list strategy's round is the number of results it saw.
        var final = snapshots.Find("g1");
        Assert.NotNull(final);
        Assert.False(final.Running);
        Assert.Equal(4, final.Round);
        Assert.Equal(4, final.Trials[TrialState.Completed]);
        Assert.Equal(0, final.Trials[TrialState.Pending] + final.Trials[TrialState.Running]);
        Assert.Equal(4 * spec.SearchSpace.CycleEpochs[0], final.TrialEpochsUsed);
        Assert.Equal(status.TrialEpochsUsed, final.TrialEpochsUsed);
        Assert.Equal((await cluster.Sweep("g1").GetBest(1))[0].Accuracy, final.BestAccuracy);

        // A call after the deactivation reaches a new activation, which exists only once the old one has deactivated;
        // being of a finished sweep, it publishes nothing.
        var activations = _strategies.Created.Count;
        await cluster.Sweep("g1").Cast<IGrainManagementExtension>().DeactivateOnIdle(ct);
        await cluster.Sweep("g1").GetStatus(0, 1);

        Assert.True(_strategies.Created.Count > activations, "the coordinator was not reactivated");
        Assert.Null(snapshots.Find("g1"));
        Assert.DoesNotContain(snapshots.Current, s => s.SweepId == "g1");
    }

    [Fact]
    public async Task A_cancelled_sweep_keeps_its_series_with_the_cancelled_trials_counted()
    {
        var ct = TestContext.Current.CancellationToken;
        var held = _trainer.HoldBeforeEpoch(0.01, 2);
        await using var cluster = await SweepTestCluster.StartAsync(_trainer, _strategies, new JsonSpecParser(), new InMemoryCheckpointStore(), slotsPerSilo: 1);
        var snapshots = SnapshotsOf(cluster);
        await cluster.Sweep("g2").Start(JsonSpecParser.Write(SpecBuilder.Small(maxConcurrent: 1)));
        await held.WaitAsync(ct);

        await cluster.Sweep("g2").Cancel();
        var status = await cluster.WaitForAsync("g2", s => s.Counts.GetValueOrDefault(TrialState.Running) + s.Counts.GetValueOrDefault(TrialState.Pending) == 0);

        var final = snapshots.Find("g2");
        Assert.NotNull(final);
        Assert.False(final.Running);
        Assert.Equal(status.TotalTrials, final.Trials[TrialState.Cancelled]);
        Assert.Equal(0, final.Trials[TrialState.Pending] + final.Trials[TrialState.Running]);
    }

    private static SweepSnapshots SnapshotsOf(SweepTestCluster cluster) => cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<SweepSnapshots>();
}
