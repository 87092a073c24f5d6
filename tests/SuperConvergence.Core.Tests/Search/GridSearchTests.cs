using SuperConvergence.Core.Search;
using SuperConvergence.Core.Search.Baselines;
using SuperConvergence.Core.Search.Space;
using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Tests.Search;

public sealed class GridSearchTests : SearchStrategyContract
{
    protected override StrategyKind Kind => StrategyKind.Grid;

    [Fact]
    public void The_grid_is_as_fine_as_the_budget_allows_and_covers_every_cell_and_cycle()
    {
        // 4 cells × 3 cycles: K = min(100 / 12, 400 / (4 × 7)) = min(8, 14) = 8.
        var spec = TestSpecs.Simulated(StrategyKind.Grid, trialEpochs: 400, maxTrials: 100);
        var grid = new GridSearch(spec);

        var configs = grid.Propose(1000).Select(proposal => Assert.IsType<TrainingProposal>(proposal).Config).ToArray();

        Assert.Equal(8, grid.LrPoints);
        Assert.Equal(96, configs.Length);
        Assert.True(grid.IsFinished);
        var lrs = configs.Select(config => config.MaxLr).Distinct().Order().ToArray();
        Assert.Equal(8, lrs.Length);
        // Centres of 8 equal log-space slices of [1e-3, 10]: evenly spaced logs, half a step in from each end.
        var step = 4.0 / 8;
        for (var k = 0; k < lrs.Length; k++)
        {
            Assert.Equal(-3 + (k + 0.5) * step, Math.Log10(lrs[k]), 9);
        }

        Assert.Equal(96, configs.Select(config => (config.MaxLr, config.BatchSize, config.WeightDecay, config.CycleEpochs)).Distinct().Count());
    }

    [Fact]
    public void A_budget_smaller_than_the_cross_product_goes_to_the_short_cycles_first()
    {
        var spec = TestSpecs.Simulated(StrategyKind.Grid, trialEpochs: 6, maxTrials: 100);
        var grid = new GridSearch(spec);

        var configs = grid.Propose(100).Select(proposal => Assert.IsType<TrainingProposal>(proposal).Config).ToArray();

        Assert.Equal(1, grid.LrPoints);
        Assert.Equal([1, 1, 1, 1, 2], configs.Select(config => config.CycleEpochs));
        Assert.Equal(SearchCell.AllOf(spec.SearchSpace).Select(cell => (cell.BatchSize, cell.WeightDecay)), configs.Take(4).Select(config => (config.BatchSize, config.WeightDecay)));
        Assert.True(grid.IsFinished);
    }
}
