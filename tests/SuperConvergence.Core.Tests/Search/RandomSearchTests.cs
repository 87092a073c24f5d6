using SuperConvergence.Core.Search;
using SuperConvergence.Core.Search.Baselines;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Core.Tests.Search;

public sealed class RandomSearchTests : SearchStrategyContract
{
    protected override StrategyKind Kind => StrategyKind.Random;

    [Fact]
    public void Max_lr_is_log_uniform_and_the_choices_uniform()
    {
        var spec = TestSpecs.Simulated(StrategyKind.Random, trialEpochs: 1_000_000, maxTrials: 40_000);
        var proposals = new RandomSearch(spec).Propose(40_000).Select(proposal => Assert.IsType<TrainingProposal>(proposal).Config).ToArray();

        // Log-uniform on [1e-3, 10]: each of the four decades holds a quarter of the draws.
        for (var decade = -3; decade < 1; decade++)
        {
            var share = proposals.Count(config => Math.Floor(Math.Log10(config.MaxLr)) == decade) / (double)proposals.Length;
            Assert.InRange(share, 0.24, 0.26);
        }

        Assert.All(proposals.GroupBy(config => (config.BatchSize, config.WeightDecay)), cell => Assert.InRange(cell.Count() / (double)proposals.Length, 0.24, 0.26));
        Assert.All(proposals.GroupBy(config => config.CycleEpochs), cycle => Assert.InRange(cycle.Count() / (double)proposals.Length, 0.32, 0.35));
    }

    [Fact]
    public void It_spends_the_whole_epoch_budget_ending_on_the_cycles_that_still_fit()
    {
        var spec = TestSpecs.Simulated(StrategyKind.Random, trialEpochs: 101, maxTrials: 1000);
        var strategy = new RandomSearch(spec);

        var proposals = strategy.Propose(1000);

        Assert.Equal(101, proposals.Sum(proposal => Assert.IsType<TrainingProposal>(proposal).Config.CycleEpochs));
        Assert.True(strategy.IsFinished);
    }

    [Fact]
    public void A_hundred_thousand_trial_sweep_keeps_a_constant_small_state()
    {
        var spec = TestSpecs.Simulated(StrategyKind.Random, trialEpochs: 1_000_000, maxTrials: 100_000);
        var factory = new SearchStrategyFactory();
        var strategy = factory.Create(spec, null);
        var issued = 0;
        while (!strategy.IsFinished)
        {
            foreach (var proposal in strategy.Propose(16))
            {
                strategy.Observe(new TrialResult($"t{issued++}", proposal, TrialEnd.Completed, 0.5 + issued * 1e-6, 0.1, Assert.IsType<TrainingProposal>(proposal).Config.CycleEpochs));
            }
        }

        var state = strategy.SaveState();
        Assert.Equal(100_000, issued);
        Assert.True(state.Length < 200, state);
        Assert.Equal(0.5 + 100_000 * 1e-6, strategy.Progress.History[0].BestAccuracy!.Value, 12);
    }
}
