using System.Globalization;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials.Tabular;

namespace SuperConvergence.Search.Benchmarks;

/// <summary>
/// Every strategy on the table, many sweep seeds, several budgets: what each reports as its best configuration and how
/// far that configuration's mean accuracy over the table's seeds falls below the table's best mean (its regret).
/// Budgets are shares of the full grid's trial-epochs; range tests are charged at their images' worth of epochs, and
/// the adaptive strategy's training budget is the budget less its range tests, so every strategy spends the same.
/// </summary>
internal sealed class SearchComparison(SweepSpec baseSpec, string tablePath, TrialTableIndex index)
{
    /// <summary>The accuracy a diverged run counts as in a configuration's mean: chance on 10 classes.</summary>
    public const double ChanceAccuracy = 0.1;

    public int GridTrialEpochs =>
        index.Table.MaxLrs.Count * index.Table.WeightDecays.Count * index.Table.BatchSizes.Count * index.Table.CycleEpochs.Sum();

    /// <summary>The table's mean final accuracy over its seeds of each grid point, diverged runs at chance.</summary>
    public double MeanAccuracy(double maxLr, double weightDecay, int batchSize, int cycleEpochs) =>
        MeanAccuracy(index, maxLr, weightDecay, batchSize, cycleEpochs);

    /// <summary>The table's best grid point by mean accuracy: computed once, every sweep's regret is measured against it.</summary>
    public (double Accuracy, double MaxLr, double WeightDecay, int BatchSize, int CycleEpochs) TableBest => _tableBest.Value;

    private readonly Lazy<(double Accuracy, double MaxLr, double WeightDecay, int BatchSize, int CycleEpochs)> _tableBest = new(() =>
    {
        var table = index.Table;
        return (from lr in table.MaxLrs
                from wd in table.WeightDecays
                from bs in table.BatchSizes
                from cycle in table.CycleEpochs
                select (MeanAccuracy(index, lr, wd, bs, cycle), lr, wd, bs, cycle)).MaxBy(p => p.Item1);
    });

    /// <summary>The range tests' cost in epochs if every curve runs to its end (an upper bound: diverged ones stop early).</summary>
    public double RangeTestBudget(SweepSpec spec) =>
        spec.SearchSpace.BatchSize.Sum(bs => (double)spec.RangeTest.Iterations * bs / index.Table.TrainImages) * spec.SearchSpace.WeightDecay.Count * spec.RangeTest.Seeds;

    private static double MeanAccuracy(TrialTableIndex index, double maxLr, double weightDecay, int batchSize, int cycleEpochs) =>
        index.AllSeeds(maxLr, weightDecay, batchSize, cycleEpochs).Average(t => t.FinalAccuracy ?? ChanceAccuracy);

    public async Task<SweepOutcome> RunAsync(StrategyKind strategy, int seed, double share, int slots, int rangeTestSeeds)
    {
        var budget = (int)Math.Round(share * GridTrialEpochs);
        var spec = baseSpec with
        {
            Name = "search-benchmark",
            Trainer = new TrainerSpec(TrainerKind.Tabular, 0, tablePath),
            Strategy = strategy,
            Seed = seed,
            MaxConcurrentTrials = slots,
            RangeTest = baseSpec.RangeTest with { Seeds = rangeTestSeeds },
            Budget = new BudgetSpec(budget, MaxTrials: 100_000),
        };
        if (strategy == StrategyKind.Adaptive)
        {
            var training = (int)Math.Floor(budget - RangeTestBudget(spec));
            if (training < spec.SearchSpace.CycleEpochs.Min())
            {
                return new SweepOutcome(strategy.ToString(), seed, share, null, null, null, 0, 0, 0);
            }

            spec = spec with { Budget = spec.Budget with { TrialEpochs = training } };
        }

        var replay = new SweepReplay(new SearchStrategyFactory().Create(spec, savedState: null), new TabularTrainer(index), slots);
        await replay.RunAsync();
        if (replay.Best is not { } best)
        {
            return new SweepOutcome(strategy.ToString(), seed, share, null, null, null, replay.Trials, replay.TrainingEpochs, replay.RangeTestEpochs);
        }

        var config = best.Config;
        var reported = new ReportedConfig(index.NearestMaxLr(config.MaxLr), config.WeightDecay, config.BatchSize, config.CycleEpochs, best.Accuracy);
        var mean = MeanAccuracy(config.MaxLr, config.WeightDecay, config.BatchSize, config.CycleEpochs);
        return new SweepOutcome(strategy.ToString(), seed, share, reported, mean, (TableBest.Accuracy - mean) * 100, replay.Trials, replay.TrainingEpochs, replay.RangeTestEpochs);
    }
}

/// <summary>The configuration a sweep reported as best, at the grid point it replayed, with the accuracy it observed.</summary>
internal sealed record ReportedConfig(double MaxLr, double WeightDecay, int BatchSize, int CycleEpochs, double ObservedAccuracy);

/// <summary>One sweep's result: regret in percentage points (null when it found no completed trial or could not run).</summary>
internal sealed record SweepOutcome(
    string Strategy, int Seed, double BudgetShare, ReportedConfig? Best, double? MeanAccuracy, double? RegretPoints,
    int Trials, int TrainingEpochs, double RangeTestEpochs)
{
    public double SpentEpochs => TrainingEpochs + RangeTestEpochs;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Strategy} seed {Seed} budget {BudgetShare:P0}: regret {RegretPoints:F2} pp, {Trials} trials, {SpentEpochs:F1} epochs");
}
