using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Grains.Hosting;
using SuperConvergence.Grains.Tests.Doubles;

namespace SuperConvergence.Grains.Tests.Sweeps;

/// <summary>The real strategies, spec parser and simulated trainer, driven through the grains of an in-process cluster.</summary>
public sealed class StrategySweepTests
{
    private static string Spec(string strategy, int rangeTestSeeds) => $$"""
        name: grains-{{strategy}}
        dataset: synthetic
        model: simulated
        trainer: simulated
        searchSpace:
          maxLr: {min: 0.001, max: 10}
          weightDecay: [1e-4, 5e-4]
          batchSize: [128]
          cycleEpochs: [1, 2, 4]
        rangeTest: {iterations: 100, startLr: 1e-5, endLr: 10, seeds: {{rangeTestSeeds}}}
        strategy: {{strategy}}
        budget: {trialEpochs: 60, maxTrials: 30}
        maxConcurrentTrials: 4
        seed: 3
        """;

    private static Task<SweepTestCluster> StartAsync() =>
        SweepTestCluster.StartAsync(new HeldSimulatedTrainers(), new SearchStrategyFactory(), new SweepSpecTextParser(), new InMemoryCheckpointStore(), silos: 1, slotsPerSilo: 4);

    [Fact]
    public async Task Adaptive_runs_range_tests_then_narrows_the_bounds_over_rounds_and_reports_the_best()
    {
        await using var cluster = await StartAsync();

        await cluster.Sweep("adaptive").Start(Spec("adaptive", rangeTestSeeds: 2));
        var status = await cluster.WaitForAsync("adaptive", s => s.State == SweepState.Completed);

        var rangeTests = status.Trials.Where(t => t.Kind == TrialKind.RangeTest).ToList();
        Assert.Equal(4, rangeTests.Count);
        Assert.All(rangeTests, t => Assert.Equal(TrialState.Completed, t.State));
        var firstTraining = status.Trials.First(t => t.Kind == TrialKind.Train).TrialId;
        Assert.All(rangeTests, t => Assert.True(string.CompareOrdinal(t.TrialId, firstTraining) < 0, "range tests come first"));

        // Round 0 (the range tests' bounds) and at least two narrowing rounds, each no wider than the one before.
        var history = status.History;
        var rounds = string.Join("; ", history.Select(h => $"{h.Round}: {h.Bounds.Min:G3}–{h.Bounds.Max:G3}"));
        Assert.True(history.Count >= 3, rounds);
        Assert.Equal(Enumerable.Range(0, history.Count), history.Select(h => h.Round));
        for (var i = 1; i < history.Count; i++)
        {
            Assert.True(Decades(history[i].Bounds) <= Decades(history[i - 1].Bounds) + 1e-9, $"round {history[i].Round} is wider than the one before: {rounds}");
        }

        Assert.True(Decades(history[0].Bounds) < Decades(new LrRange(0.001, 10)), $"the range tests narrowed the search space: {rounds}");
        Assert.True(Decades(history[^1].Bounds) < Decades(history[0].Bounds), $"the rounds narrowed the range tests' bounds: {rounds}");

        // Cycle length is the fidelity: rounds start at the shortest cycle and later rounds train longer ones.
        var training = status.Trials.Where(t => t.Kind == TrialKind.Train).ToList();
        var cycleByRound = training.GroupBy(t => t.Proposal.Round).OrderBy(g => g.Key).Select(g => g.Max(t => t.Config!.CycleEpochs)).ToList();
        Assert.Equal(1, cycleByRound[0]);
        Assert.Equal(cycleByRound.Order(), cycleByRound);
        Assert.True(cycleByRound[^1] > cycleByRound[0], $"cycles by round: {string.Join(", ", cycleByRound)}");
        Assert.All(training.Where(t => t.State == TrialState.Completed), t => Assert.Equal(t.Config!.CycleEpochs, t.EpochsCompleted));
        Assert.True(status.TrialEpochsUsed <= 60);

        var best = await cluster.Sweep("adaptive").GetBest(5);
        Assert.NotEmpty(best);
        Assert.Equal(best.OrderByDescending(b => b.Accuracy).Select(b => b.TrialId), best.Select(b => b.TrialId));
        Assert.All(best, b => Assert.InRange(b.MaxLr, 0.001, 10));
    }

    private static double Decades(LrRange range) => Math.Log10(range.Max / range.Min);

    [Theory]
    [InlineData("grid")]
    [InlineData("random")]
    [InlineData("asha")]
    [InlineData("tpe")]
    public async Task Each_baseline_runs_to_its_budget_over_the_same_grains(string strategy)
    {
        await using var cluster = await StartAsync();

        await cluster.Sweep(strategy).Start(Spec(strategy, rangeTestSeeds: 1));
        var status = await cluster.WaitForAsync(strategy, s => s.State == SweepState.Completed);

        Assert.NotEqual(0, status.TotalTrials);
        // Baselines know nothing of range tests: a spec's rangeTest section does not make them run any.
        Assert.All(status.Trials, t => Assert.Equal(TrialKind.Train, t.Kind));
        Assert.All(status.Trials, t => Assert.True(t.State.IsFinal()));
        Assert.True(status.TrialEpochsUsed <= 60);
        Assert.True(status.TotalTrials <= 30);
        Assert.NotEmpty(await cluster.Sweep(strategy).GetBest(3));
        if (strategy == "asha")
        {
            // Promotions are new trials with longer cycles, never judged mid-cycle.
            Assert.Contains(status.Trials, t => Assert.IsType<TrainingProposal>(t.Proposal).Config.CycleEpochs > 1);
            Assert.All(status.Trials.Where(t => t.State == TrialState.Completed), t => Assert.Equal(Assert.IsType<TrainingProposal>(t.Proposal).Config.CycleEpochs, t.EpochsCompleted));
        }
    }

    [Fact]
    public async Task A_spec_that_does_not_validate_is_refused_naming_the_field()
    {
        await using var cluster = await StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => cluster.Sweep("bad").Start(Spec("adaptive", 2).Replace("min: 0.001", "min: -1")));

        Assert.StartsWith("searchSpace.maxLr.min: -1", error.Message);
    }
}
