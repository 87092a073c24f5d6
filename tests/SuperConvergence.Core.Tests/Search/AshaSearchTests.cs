using SuperConvergence.Core.Search;
using SuperConvergence.Core.Search.Baselines;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials.Simulated;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Core.Tests.Search;

public sealed class AshaSearchTests : SearchStrategyContract
{
    protected override StrategyKind Kind => StrategyKind.Asha;

    protected override SweepSpec SpecFor(int seed) => TestSpecs.Simulated(StrategyKind.Asha, seed, trialEpochs: 120, maxTrials: 60);

    [Fact]
    public async Task A_promotion_reruns_a_config_that_finished_in_the_top_third_of_its_rung_with_the_next_longer_cycle()
    {
        var spec = SpecFor(seed: 21);
        var sweep = await Simulate(spec);
        var rungCycles = new[] { 1, 2, 4 };
        var promotions = 0;

        for (var i = 0; i < sweep.Proposals.Count; i++)
        {
            var proposal = sweep.Proposals[i];
            var train = Assert.IsType<TrainingProposal>(proposal).Config;
            Assert.Equal(rungCycles[proposal.Round - 1], train.CycleEpochs);
            if (proposal.Round == 1)
            {
                continue;
            }

            promotions++;
            // The same config (LR, cell, seed) finished at the rung below before this trial was proposed ...
            var finishedBelow = sweep.ObservedBefore(i).Where(result => result.Proposal.Round == proposal.Round - 1).ToArray();
            var parent = Assert.Single(finishedBelow, result => Assert.IsType<TrainingProposal>(result.Proposal).Config with { CycleEpochs = 0 } == train with { CycleEpochs = 0 });
            Assert.Equal(TrialEnd.Completed, parent.End);
            // ... ranked within the top 1/η of that rung at the time.
            var better = finishedBelow.Count(result => result.Accuracy > parent.Accuracy);
            Assert.True(better < finishedBelow.Length / AshaSearch.DefaultReductionFactor, $"rank {better} of {finishedBelow.Length}");
        }

        Assert.True(promotions >= 3, $"only {promotions} promotions");
        Assert.Contains(sweep.Proposals, proposal => proposal.Round == 3);
    }

    [Fact]
    public async Task No_config_is_run_twice_at_the_same_cycle_or_judged_before_its_cycle_ends()
    {
        var sweep = await Simulate(SpecFor(seed: 22));

        var runs = sweep.Proposals.Select(proposal => Assert.IsType<TrainingProposal>(proposal).Config).ToArray();
        Assert.Equal(runs.Length, runs.Distinct().Count());
        // Every reported result is a whole cycle: the strategy never sees (or asks for) a partial run.
        Assert.All(sweep.Training.Where(result => result.End == TrialEnd.Completed),
            result => Assert.Equal(Assert.IsType<TrainingProposal>(result.Proposal).Config.CycleEpochs, result.EpochsCompleted));
    }

    [Fact]
    public void Without_results_there_is_nothing_to_promote()
    {
        var strategy = new AshaSearch(SpecFor(seed: 2));

        var proposals = strategy.Propose(20);

        Assert.All(proposals, proposal => Assert.Equal(1, proposal.Round));
    }

    [Fact]
    public void Diverged_trials_are_never_promoted()
    {
        var strategy = new AshaSearch(SpecFor(seed: 2));
        var first = strategy.Propose(9);
        for (var i = 0; i < first.Count; i++)
        {
            strategy.Observe(new TrialResult($"t{i}", first[i], TrialEnd.Diverged, null, double.NaN, 1));
        }

        Assert.All(strategy.Propose(5), proposal => Assert.Equal(1, proposal.Round));
    }
}
