using System.Globalization;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Trials;
using SuperConvergence.Core.Trials.Simulated;
using SuperConvergence.Grains.Hosting;
using SuperConvergence.Grains.Tests.Doubles;

namespace SuperConvergence.Grains.Tests.Sweeps;

/// <summary>
/// How trials end — diverged, failed, cancelled — with the real grid strategy, spec parser and simulated trainer
/// (the lifecycle tests script these with a scripted trainer and strategy).
/// </summary>
public sealed class SimulatedTrialEndTests
{
    // Batch 128 diverges above SimulatedSurface.DivergenceLr(128), give or take its threshold noise.
    private static readonly double DivergenceLr = SimulatedSurface.DivergenceLr(128);
    private static readonly double ThresholdMargin = Math.Pow(10, 4 * SimulatedSurface.ThresholdNoiseDecades);

    private static string Spec(double maxLr, int trials, int maxConcurrent = 4) => $$"""
        name: trial-ends
        dataset: synthetic
        model: simulated
        trainer: simulated
        searchSpace:
          maxLr: {min: 0.05, max: {{maxLr.ToString(CultureInfo.InvariantCulture)}}}
          weightDecay: [5e-4]
          batchSize: [128]
          cycleEpochs: [3]
        rangeTest: {iterations: 100, startLr: 1e-5, endLr: 10, seeds: 1}
        strategy: grid
        budget: {trialEpochs: {{3 * trials}}, maxTrials: {{trials}}}
        maxConcurrentTrials: {{maxConcurrent}}
        seed: 11
        """;

    private static Task<SweepTestCluster> StartAsync(ITrainerProvider trainers, int slots = 4) =>
        SweepTestCluster.StartAsync(trainers, new SearchStrategyFactory(), new SweepSpecTextParser(), new InMemoryCheckpointStore(), silos: 1, slotsPerSilo: slots);

    [Fact]
    public async Task Trials_above_the_surfaces_divergence_lr_diverge_and_are_never_among_the_best()
    {
        await using var cluster = await StartAsync(new HeldSimulatedTrainers());

        await cluster.Sweep("diverge").Start(Spec(maxLr: 40, trials: 4));
        var status = await cluster.WaitForAsync("diverge", s => s.State == SweepState.Completed);

        var above = status.Trials.Where(t => t.Config!.MaxLr > DivergenceLr * ThresholdMargin).ToList();
        var below = status.Trials.Where(t => t.Config!.MaxLr < DivergenceLr / ThresholdMargin).ToList();
        Assert.NotEmpty(above);
        Assert.NotEmpty(below);
        Assert.All(above, t => Assert.Equal(TrialState.Diverged, t.State));
        Assert.All(below, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.Equal(above.Count, status.Counts[TrialState.Diverged]);
        var best = await cluster.Sweep("diverge").GetBest(10);
        Assert.Equal(below.Select(t => t.TrialId).Order(), best.Select(b => b.TrialId).Order());
    }

    [Fact]
    public async Task A_failing_simulated_trainer_fails_its_trials_and_the_sweep_runs_the_rest()
    {
        const double failBelow = 0.2;
        var trainers = new HeldSimulatedTrainers(options: spec => SimulatedTrainerOptions.For(spec) with { FailWhen = c => c.MaxLr < failBelow, FailAtEpoch = 2 });
        await using var cluster = await StartAsync(trainers);

        await cluster.Sweep("fail").Start(Spec(maxLr: 1, trials: 4));
        var status = await cluster.WaitForAsync("fail", s => s.State == SweepState.Completed);

        var failing = status.Trials.Where(t => t.Config!.MaxLr < failBelow).ToList();
        Assert.NotEmpty(failing);
        Assert.All(failing, t => Assert.Equal(TrialState.Failed, t.State));
        Assert.All(status.Trials.Except(failing), t => Assert.Equal(TrialState.Completed, t.State));
        Assert.Equal(4, status.TotalTrials);
        var view = await cluster.Client.GetGrain<ITrialGrain>(failing[0].TrialId).Get();
        Assert.Contains("Simulated failure in epoch 2", view.Error);
        Assert.Equal([1], view.Epochs.Select(e => e.Epoch));
        Assert.DoesNotContain(await cluster.Sweep("fail").GetBest(10), b => b.MaxLr < failBelow);
    }

    [Fact]
    public async Task Cancelling_stops_the_running_simulated_trial_and_runs_none_of_the_queued_ones()
    {
        var trainers = new HeldSimulatedTrainers(holdAfterEpoch: 1);
        await using var cluster = await StartAsync(trainers, slots: 1);
        await cluster.Sweep("cancel").Start(Spec(maxLr: 1, trials: 4, maxConcurrent: 1));
        await trainers.Reached.WaitAsync(TestContext.Current.CancellationToken);

        await cluster.Sweep("cancel").Cancel();
        var status = await cluster.WaitForAsync("cancel", s => s.Counts.GetValueOrDefault(TrialState.Running) == 0 && s.Counts.GetValueOrDefault(TrialState.Pending) == 0);

        Assert.Equal(SweepState.Cancelled, status.State);
        Assert.Equal(4, status.TotalTrials);
        Assert.All(status.Trials, t => Assert.Equal(TrialState.Cancelled, t.State));
        Assert.All(status.Trials, t => Assert.Null(t.Accuracy));
        Assert.Single(trainers.Runs);
        Assert.Empty(await cluster.Sweep("cancel").GetBest(10));
    }
}
