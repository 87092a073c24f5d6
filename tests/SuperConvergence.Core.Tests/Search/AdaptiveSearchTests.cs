using SuperConvergence.Core.Search;
using SuperConvergence.Core.Search.Adaptive;
using SuperConvergence.Core.Search.Space;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;
using SuperConvergence.Core.Trials.Simulated;

namespace SuperConvergence.Core.Tests.Search;

/// <summary>The adaptive search end to end: real range-test reading, the simulated trainer, the tiny driver.</summary>
public sealed class AdaptiveSearchTests : SearchStrategyContract
{
    private static readonly int[] Seeds = [1, 2, 3, 4, 5, 6];

    protected override StrategyKind Kind => StrategyKind.Adaptive;

    [Fact]
    public async Task It_narrows_toward_the_simulated_optimum_and_ends_with_bounds_containing_it()
    {
        var spec = TestSpecs.Simulated(StrategyKind.Adaptive);
        var (optimumLr, optimumCell) = SimulatedOptimum(spec, cycleEpochs: spec.SearchSpace.CycleEpochs.Max());

        foreach (var seed in Seeds)
        {
            var sweep = await Simulate(spec with { Seed = seed });
            var progress = sweep.Strategy.Progress;

            Assert.True(LogScale.Contains(progress.Bounds, optimumLr), $"seed {seed}: {progress.Bounds} misses the optimum {optimumLr} of {optimumCell.Name}");
            var fromRangeTests = progress.History[0].Bounds;
            Assert.True(LogScale.Decades(progress.Bounds) < LogScale.Decades(fromRangeTests) / 2, $"seed {seed}: {progress.Bounds} vs {fromRangeTests}");
            Assert.True(LogScale.Decades(fromRangeTests) < LogScale.Decades(spec.SearchSpace.MaxLr), "the range tests already narrowed the spec's interval");
            Assert.True(LogScale.Contains(fromRangeTests, optimumLr));
        }
    }

    [Fact]
    public async Task It_beats_random_search_at_equal_budget_on_average()
    {
        double adaptive = 0, random = 0;
        foreach (var seed in Seeds)
        {
            adaptive += (await Simulate(TestSpecs.Simulated(StrategyKind.Adaptive, seed))).BestAccuracy;
            random += (await Simulate(TestSpecs.Simulated(StrategyKind.Random, seed))).BestAccuracy;
        }

        Assert.True(adaptive / Seeds.Length > random / Seeds.Length + 0.005, $"adaptive {adaptive / Seeds.Length:F4}, random {random / Seeds.Length:F4}");
    }

    [Fact]
    public async Task The_budget_moves_to_the_cell_of_the_optimum()
    {
        var spec = TestSpecs.Simulated(StrategyKind.Adaptive);
        var (_, optimumCell) = SimulatedOptimum(spec, cycleEpochs: spec.SearchSpace.CycleEpochs.Max());

        foreach (var seed in Seeds)
        {
            var sweep = await Simulate(spec with { Seed = seed });
            var lastRound = sweep.Training.Max(result => result.Proposal.Round);
            var trials = sweep.Training.Where(result => result.Proposal.Round == lastRound).ToArray();

            var share = trials.Count(result => result.Proposal.Cell == optimumCell.Name) / (double)trials.Length;
            Assert.True(share >= 0.4, $"seed {seed}: {share:P0} of the last round in {optimumCell.Name}");
        }
    }

    [Fact]
    public async Task Diverged_trials_never_come_back_above_their_lr()
    {
        foreach (var seed in Seeds)
        {
            var sweep = await Simulate(TestSpecs.Simulated(StrategyKind.Adaptive, seed));
            for (var i = 0; i < sweep.Results.Count; i++)
            {
                if (sweep.Results[i] is { End: TrialEnd.Diverged, Proposal: TrainingProposal { Config: var diverged } proposal })
                {
                    Assert.DoesNotContain(sweep.Proposals.Skip(sweep.Proposals.IndexOf(proposal) + 1), later =>
                        later.Cell == proposal.Cell && Assert.IsType<TrainingProposal>(later).Config.MaxLr >= diverged.MaxLr && later.Round > proposal.Round);
                }
            }
        }
    }

    [Fact]
    public async Task The_range_tests_of_a_cell_bound_it_to_their_loss_floor_below_divergence_around_the_optimum()
    {
        var trainer = new SimulatedTrainer();
        var curves = new List<IReadOnlyList<Core.RangeTests.RangeTestPoint>>();
        for (var seed = 0; seed < 3; seed++)
        {
            var config = new RangeTestConfig("synthetic", "simulated", 1e-5, 10, 200, RangeTestRamp.Exponential, 1e-4, 128, 0.85, seed, AccuracyEvery: 10);
            curves.Add((await trainer.RangeTestAsync(config, null, TestContext.Current.CancellationToken)).Points);
        }

        var estimate = new RangeTestReading().Read(curves);

        // The simulated loss has fallen by divergence − 1.5 decades and climbs from about divergence − 0.2: the floor
        // lies between, strictly below divergence, and holds the surface's best max LR.
        var divergence = SimulatedSurface.DivergenceLr(128);
        var bounds = Assert.IsType<LrRange>(estimate.Bounds);
        Assert.InRange(bounds.Max, divergence / 2, divergence);
        Assert.InRange(bounds.Min, divergence / Math.Pow(10, 1.7), divergence / Math.Pow(10, 1.2));
        Assert.Null(estimate.NoSignal);
        Assert.True(LogScale.Contains(bounds, SimulatedOptimum(TestSpecs.Simulated(StrategyKind.Adaptive), 4).Lr));
    }

    [Fact]
    public void Curves_whose_loss_never_climbs_bound_only_the_low_end_and_say_why()
    {
        // The loss falls around 1e-3 and is still on its floor at the tests' last LR, 3: where it would climb is unknown.
        var open = Enumerable.Range(0, 200).Select(i =>
        {
            var lr = 1e-5 * Math.Pow(3e5, i / 199.0);
            return new Core.RangeTests.RangeTestPoint(lr, 0.5 + 2.0 / (1 + Math.Exp(4 * (Math.Log10(lr) + 3))));
        }).ToArray();

        var estimate = new RangeTestReading().Read([open, open, open]);

        var bounds = Assert.IsType<LrRange>(estimate.Bounds);
        Assert.Equal(double.PositiveInfinity, bounds.Max);
        Assert.Equal(3.0 / 25, bounds.Min, 9);
        Assert.Null(estimate.NoSignal);
        Assert.StartsWith("the loss never climbed up to the range tests' last LR (3)", estimate.OpenTop);
    }

    [Fact]
    public void Flat_curves_bound_nothing_and_say_why()
    {
        // 60 iterations at LRs too small to train: the loss moves by noise only.
        var flat = Enumerable.Range(0, 60).Select(i => new Core.RangeTests.RangeTestPoint(1e-6 * Math.Pow(1.05, i), 2.3 + 0.01 * Math.Sin(i))).ToArray();

        var estimate = new RangeTestReading().Read([flat, flat, flat]);

        Assert.Null(estimate.Bounds);
        Assert.StartsWith("3 of 3 range tests carry no signal: the smoothed loss fell only", estimate.NoSignal);
    }

    [Fact]
    public void Curves_that_blow_up_at_once_give_a_cell_no_bounds()
    {
        var blownUp = Enumerable.Range(0, 5).Select(i => new Core.RangeTests.RangeTestPoint(1e-3 * (i + 1), i < 3 ? 2.3 : double.NaN)).ToArray();

        var estimate = new RangeTestReading().Read([blownUp, blownUp]);

        Assert.Null(estimate.Bounds);
        Assert.False(estimate.SuperConvergence);
    }

    /// <summary>The noise-free best max LR over every cell of the spec, by a dense log-space scan of the surface.</summary>
    private static (double Lr, SearchCell Cell) SimulatedOptimum(SweepSpec spec, int cycleEpochs) =>
        SearchCell.AllOf(spec.SearchSpace)
            .SelectMany(cell => Enumerable.Range(0, 4001).Select(i => (Lr: LogScale.At(spec.SearchSpace.MaxLr, i / 4000.0), Cell: cell)))
            .MaxBy(point => SimulatedSurface.ExpectedAccuracy(point.Lr, point.Cell.WeightDecay, point.Cell.BatchSize, cycleEpochs));
}
