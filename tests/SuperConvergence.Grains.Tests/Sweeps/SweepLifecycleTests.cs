using Orleans.Core.Internal;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;
using SuperConvergence.Grains.Tests.Doubles;

namespace SuperConvergence.Grains.Tests.Sweeps;

public sealed class SweepLifecycleTests
{
    private readonly ScriptedTrainer _trainer = new();
    private readonly ListStrategyFactory _strategies = new();
    private readonly InMemoryCheckpointStore _checkpoints = new();

    private Task<SweepTestCluster> StartClusterAsync(int silos = 1, int slots = 2) =>
        SweepTestCluster.StartAsync(_trainer, _strategies, new JsonSpecParser(), _checkpoints, silos, slots);

    [Fact]
    public async Task A_sweep_runs_every_proposed_trial_once_and_ranks_the_best()
    {
        await using var cluster = await StartClusterAsync();
        var spec = SpecBuilder.Small(rangeTestSeeds: 1);

        await cluster.Sweep("s1").Start(JsonSpecParser.Write(spec));
        var status = await cluster.WaitForAsync("s1", s => s.State == SweepState.Completed);

        // 2 cells × (1 range test + 2 training trials)
        Assert.Equal(6, status.TotalTrials);
        Assert.Equal(6, status.Trials.Count);
        Assert.All(status.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.All(status.Trials, t => Assert.Equal(1, t.Attempts));
        Assert.Equal(2, status.Trials.Count(t => t.Kind == TrialKind.RangeTest));
        var observed = _strategies.Created[^1].Observed;
        Assert.Equal(6, observed.Count);
        Assert.Equal(observed.Count, observed.Distinct().Count());
        Assert.Equal(4 * 3, status.TrialEpochsUsed);

        var best = await cluster.Sweep("s1").GetBest(10);
        Assert.Equal(4, best.Count);
        Assert.Equal(best.OrderByDescending(b => b.Accuracy).Select(b => b.TrialId), best.Select(b => b.TrialId));
        Assert.Equal(1.0, best[0].MaxLr);
        Assert.Equal(1.0 / 25, best[0].MinLr, 12);
        Assert.Equal(3, best[0].Epochs);
    }

    [Fact]
    public async Task A_failing_trainer_fails_its_trial_and_the_sweep_still_completes()
    {
        _trainer.FailingMaxLrs.Add(0.01);
        await using var cluster = await StartClusterAsync();

        await cluster.Sweep("s2").Start(JsonSpecParser.Write(SpecBuilder.Small()));
        var status = await cluster.WaitForAsync("s2", s => s.State == SweepState.Completed);

        var failed = status.Trials.Where(t => t.State == TrialState.Failed).ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, t => Assert.Equal(0.01, t.Config!.MaxLr));
        Assert.Equal(2, status.Counts[TrialState.Failed]);
        var view = await cluster.Client.GetGrain<Abstractions.Grains.ITrialGrain>(failed[0].TrialId).Get();
        Assert.Contains("scripted failure", view.Error);
        Assert.All(await cluster.Sweep("s2").GetBest(10), b => Assert.Equal(1.0, b.MaxLr));
    }

    [Fact]
    public async Task A_sweep_whose_every_training_trial_fails_ends_failed_with_the_first_cause()
    {
        _trainer.FailingMaxLrs.Add(0.01);
        _trainer.FailingMaxLrs.Add(1.0);
        await using var cluster = await StartClusterAsync();

        await cluster.Sweep("s-fail").Start(JsonSpecParser.Write(SpecBuilder.Small()));
        var status = await cluster.WaitForAsync("s-fail", s => s.State is SweepState.Failed or SweepState.Completed);

        Assert.Equal(SweepState.Failed, status.State);
        Assert.Equal(4, status.Counts[TrialState.Failed]);
        Assert.NotNull(status.FinishedAt);
        Assert.Matches(@"^trial s-fail-\d+: .*scripted failure at max LR (0\.01|1)\b", status.FirstFailure);
        Assert.Empty(await cluster.Sweep("s-fail").GetBest(10));
        var listed = await cluster.Client.GetGrain<ISweepCatalogGrain>(0).List();
        Assert.Equal(SweepState.Failed, listed.Single(s => s.SweepId == "s-fail").State);
    }

    [Fact]
    public async Task A_sweep_with_a_failed_trial_and_a_completed_one_completes_and_names_the_failure()
    {
        _trainer.FailingMaxLrs.Add(0.01);
        await using var cluster = await StartClusterAsync();

        await cluster.Sweep("s-some").Start(JsonSpecParser.Write(SpecBuilder.Small()));
        var status = await cluster.WaitForAsync("s-some", s => s.State is SweepState.Failed or SweepState.Completed);

        Assert.Equal(SweepState.Completed, status.State);
        Assert.Contains("scripted failure at max LR 0.01", status.FirstFailure);
    }

    [Fact]
    public async Task A_divergent_trial_is_recorded_as_diverged_not_as_a_best_config()
    {
        _trainer.DivergesAbove = 0.5;
        await using var cluster = await StartClusterAsync();

        await cluster.Sweep("s3").Start(JsonSpecParser.Write(SpecBuilder.Small()));
        var status = await cluster.WaitForAsync("s3", s => s.State == SweepState.Completed);

        Assert.Equal(2, status.Counts[TrialState.Diverged]);
        Assert.All(status.Trials.Where(t => t.Config!.MaxLr == 1.0), t => Assert.Equal(TrialState.Diverged, t.State));
        Assert.All(await cluster.Sweep("s3").GetBest(10), b => Assert.Equal(0.01, b.MaxLr));
    }

    [Fact]
    public async Task Cancelling_stops_running_trials_and_launches_no_more()
    {
        var held = _trainer.HoldBeforeEpoch(0.01, 2);
        await using var cluster = await StartClusterAsync(slots: 1);
        await cluster.Sweep("s4").Start(JsonSpecParser.Write(SpecBuilder.Small(maxConcurrent: 1)));
        await held.WaitAsync(TestContext.Current.CancellationToken);

        var launched = (await cluster.Sweep("s4").GetStatus(0, 100)).TotalTrials;
        var cancelled = await cluster.Sweep("s4").Cancel();
        Assert.Equal(SweepState.Cancelled, cancelled.State);
        var status = await cluster.WaitForAsync("s4", s => s.Counts.GetValueOrDefault(TrialState.Running) == 0 && s.Counts.GetValueOrDefault(TrialState.Pending) == 0);

        // The running trial and those queued ahead of the slot are all cancelled; none is added, none more runs.
        Assert.Equal(SweepState.Cancelled, status.State);
        Assert.Equal(launched, status.TotalTrials);
        Assert.True(launched > 1, $"expected trials queued ahead of the one slot, got {launched}");
        Assert.All(status.Trials, t => Assert.Equal(TrialState.Cancelled, t.State));
        Assert.Single(_trainer.Runs);
    }

    [Fact]
    public async Task Once_the_wall_time_is_spent_queued_trials_are_withdrawn_and_cancelled_while_the_running_one_finishes()
    {
        var clock = new ManualClock();
        var held = _trainer.HoldBeforeEpoch(0.01, 2);
        await using var cluster = await SweepTestCluster.StartAsync(_trainer, _strategies, new JsonSpecParser(), _checkpoints, slotsPerSilo: 1, sweepClock: clock);
        await cluster.Sweep("s8").Start(JsonSpecParser.Write(SpecBuilder.Small(maxConcurrent: 1, wallTime: TimeSpan.FromMinutes(10))));
        await held.WaitAsync(TestContext.Current.CancellationToken);
        var queue = cluster.Client.GetGrain<IWorkQueueGrain>(0);
        Assert.Equal(3, await queue.GetPendingCount());

        // Nothing finishes and no slot frees up: only the coordinator's own timer can notice the deadline.
        clock.Advance(TimeSpan.FromMinutes(10));
        var spent = await cluster.WaitForAsync("s8", s => s.Counts.GetValueOrDefault(TrialState.Cancelled) == 3);

        Assert.Equal(SweepState.Running, spent.State);
        Assert.Equal(1, spent.Counts[TrialState.Running]);
        Assert.Equal(0, spent.Counts[TrialState.Pending]);
        Assert.Equal(0, await queue.GetPendingCount());

        _trainer.Release(0.01);
        var status = await cluster.WaitForAsync("s8", s => s.State == SweepState.Completed);

        Assert.Equal(4, status.TotalTrials);
        Assert.Equal(1, status.Counts[TrialState.Completed]);
        Assert.Equal(3, status.Counts[TrialState.Cancelled]);
        Assert.Single(_trainer.Runs);
        Assert.Equal(3, status.Trials.Single(t => t.State == TrialState.Completed).EpochsCompleted);
        Assert.Single(await cluster.Sweep("s8").GetBest(10));
    }

    [Fact]
    public async Task A_sweep_never_runs_more_trials_at_once_than_its_limit_though_more_slots_are_free()
    {
        var lowHeld = _trainer.HoldBeforeEpoch(0.01, 2);
        var highHeld = _trainer.HoldBeforeEpoch(1.0, 2);
        await using var cluster = await StartClusterAsync(slots: 4);

        // Four trials, all queued at once (two run, two wait ahead of the slots) and two slots idle.
        await cluster.Sweep("s7").Start(JsonSpecParser.Write(SpecBuilder.Small(maxConcurrent: 2)));
        await Task.WhenAll(lowHeld, highHeld).WaitAsync(TestContext.Current.CancellationToken);
        var queue = cluster.Client.GetGrain<IWorkQueueGrain>(0);
        Assert.Equal(2, await queue.GetPendingCount());
        Assert.Equal(2, (await queue.GetWorkers()).Count(w => w.TrialId is not null));

        _trainer.Release(0.01);
        _trainer.Release(1.0);
        var status = await cluster.WaitForAsync("s7", s => s.State == SweepState.Completed);

        Assert.All(status.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.Equal(2, _trainer.MostRunningAtOnce);
    }

    [Fact]
    public async Task A_coordinator_deactivated_mid_sweep_continues_from_its_persisted_state()
    {
        var held = _trainer.HoldBeforeEpoch(0.01, 2);
        await using var cluster = await StartClusterAsync(slots: 2);
        await cluster.Sweep("s5").Start(JsonSpecParser.Write(SpecBuilder.Small(maxConcurrent: 2)));
        await held.WaitAsync(TestContext.Current.CancellationToken);

        await cluster.Sweep("s5").Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        _trainer.Release(0.01);
        var status = await cluster.WaitForAsync("s5", s => s.State == SweepState.Completed);

        Assert.Equal(4, status.TotalTrials);
        Assert.All(status.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        // The reactivated coordinator's strategy saw every result exactly once across both activations.
        var observedAcrossActivations = _strategies.Created[^1].Observed;
        Assert.Equal(4, observedAcrossActivations.Count);
        Assert.Equal(4, observedAcrossActivations.Distinct().Count());
        Assert.True(_strategies.Created.Count >= 2, "the coordinator was not reactivated");
    }
}
