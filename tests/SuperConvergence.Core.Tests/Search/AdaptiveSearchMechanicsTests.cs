using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Search.Adaptive;
using SuperConvergence.Core.Search.Space;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;
using SuperConvergence.Core.Trials.Simulated;

namespace SuperConvergence.Core.Tests.Search;

/// <summary>
/// The adaptive search's bookkeeping with the range-test reading replaced by fixed answers, so each rule is seen
/// in isolation: phases, budget, divergence ceilings, fallbacks, cycle levels. (AdaptiveSearchTests drives it
/// with the real reading end to end.)
/// </summary>
public sealed class AdaptiveSearchMechanicsTests
{
    private static readonly LrRange ReadBounds = new(0.05, 2);

    private static SweepSpec Spec(int trialEpochs = 80, int maxTrials = 30) =>
        TestSpecs.Simulated(StrategyKind.Adaptive, seed: 4, trialEpochs, maxTrials);

    [Fact]
    public void Range_tests_for_every_cell_and_seed_come_first_and_nothing_follows_until_they_report()
    {
        var spec = Spec();
        var search = new AdaptiveSearch(spec, null, null, new FixedReading(ReadBounds));

        var proposals = search.Propose(100);

        var cells = SearchCell.AllOf(spec.SearchSpace);
        Assert.Equal(cells.Count * spec.RangeTest.Seeds, proposals.Count);
        Assert.All(proposals, proposal =>
        {
            var test = Assert.IsType<RangeTestProposal>(proposal).Config;
            Assert.Equal(TrialKind.RangeTest, proposal.Kind);
            Assert.Equal(RangeTestRamp.Exponential, test.Ramp);
            Assert.True(test.AccuracyEvery > 0);
            Assert.Equal((spec.RangeTest.StartLr, spec.RangeTest.EndLr, spec.RangeTest.Iterations), (test.StartLr, test.EndLr, test.Iterations));
            Assert.Equal(new SearchCell(test.BatchSize, test.WeightDecay).Name, proposal.Cell);
        });
        Assert.All(proposals.GroupBy(proposal => proposal.Cell), cell => Assert.Equal(spec.RangeTest.Seeds, cell.Select(p => Assert.IsType<RangeTestProposal>(p).Config.Seed).Distinct().Count()));
        Assert.Empty(search.Propose(10));
        Assert.Equal((0, spec.SearchSpace.MaxLr, SearchPhase.RangeTests), (search.Progress.Round, search.Progress.Bounds, search.Progress.Phase));
        Assert.Empty(search.Progress.History);
        Assert.False(search.IsFinished);
    }

    [Fact]
    public async Task Once_the_range_tests_are_read_training_starts_inside_their_bounds_with_the_shortest_cycle()
    {
        var spec = Spec();
        var search = new AdaptiveSearch(spec, null, null, new FixedReading(ReadBounds));
        await ReportAll(search, search.Propose(100));

        var round = search.Propose(100);

        Assert.Equal(SearchPhase.Narrowing, search.Progress.Phase);
        Assert.Equal(new RoundBounds(0, ReadBounds, null), search.Progress.History[0]);
        Assert.NotEmpty(round);
        Assert.All(round, proposal =>
        {
            Assert.Equal(1, proposal.Round);
            var config = Assert.IsType<TrainingProposal>(proposal).Config;
            Assert.Equal(1, config.CycleEpochs);
            Assert.InRange(config.MaxLr, ReadBounds.Min, ReadBounds.Max);
        });
        Assert.Equal(4, round.Select(proposal => proposal.Cell).Distinct().Count());
    }

    [Fact]
    public async Task Range_tests_are_not_charged_to_the_budget()
    {
        var spec = Spec(trialEpochs: 6, maxTrials: 6);
        var sweep = await new SweepSimulation(new AdaptiveSearch(spec, null, null, new FixedReading(ReadBounds)), new SimulatedTrainer(), 4).RunAsync();

        Assert.Equal(8, sweep.Proposals.Count(proposal => proposal.Kind == TrialKind.RangeTest));
        // Too little budget for a round at every cycle length, or for three trials of the longest (4 epochs): all of it
        // goes to the longest cycle that fits three trials.
        Assert.Equal(3, sweep.Training.Count());
        Assert.All(sweep.Training, result => Assert.Equal(2, Assert.IsType<TrainingProposal>(result.Proposal).Config.CycleEpochs));
        Assert.True(sweep.Strategy.IsFinished);
    }

    [Theory]
    [InlineData(100, 1000, new[] { 0, 1, 2 })] // 6·1 + 6·2 + 3·4 = 30 epochs: every length
    [InlineData(100, 30, new[] { 0, 1, 2 })]
    [InlineData(100, 29, new[] { 0, 2 })] // the intermediate length goes first: 6·1 + 3·4 = 18
    [InlineData(100, 18, new[] { 0, 2 })]
    [InlineData(100, 17, new[] { 2 })] // then the shortest: the search ends at the longest cycle, 3·4 = 12
    [InlineData(100, 12, new[] { 2 })]
    [InlineData(100, 11, new[] { 1 })] // three trials of 4 epochs do not fit: the longest cycle that fits three
    [InlineData(100, 2, new[] { 0 })] // nothing fits three trials: the shortest
    [InlineData(9, 1000, new[] { 0, 2 })] // the trial count limits too: 6 + 3 trials, not 6 + 6 + 3
    [InlineData(8, 1000, new[] { 2 })]
    public void A_small_budget_drops_intermediate_cycle_lengths_first_and_keeps_the_longest(int trials, int epochs, int[] expected)
    {
        Assert.Equal(expected, LevelShares.Affordable([1, 2, 4], roundSize: 6, finalSize: 3, trials, epochs));
    }

    [Fact]
    public async Task A_divergence_lowers_its_cells_ceiling_below_the_diverged_lr()
    {
        var spec = Spec();
        var search = new AdaptiveSearch(spec, null, null, new FixedReading(new LrRange(0.05, 8)));
        await ReportAll(search, search.Propose(100));
        var round = search.Propose(100);
        var victim = round[0];

        for (var i = 0; i < round.Count; i++)
        {
            var end = i == 0 ? TrialEnd.Diverged : TrialEnd.Completed;
            search.Observe(new TrialResult($"r1-{i}", round[i], end, end == TrialEnd.Completed ? 0.8 : null, null, 1));
        }

        var ceiling = search.Cells.Single(cell => cell.Cell.Name == victim.Cell).Range!.Max;
        Assert.True(ceiling <= Assert.IsType<TrainingProposal>(victim).Config.MaxLr);
        Assert.All(search.Propose(100).Where(proposal => proposal.Cell == victim.Cell), proposal => Assert.True(Assert.IsType<TrainingProposal>(proposal).Config.MaxLr <= ceiling));
    }

    [Fact]
    public async Task A_cell_whose_range_tests_all_failed_is_searched_over_the_whole_space()
    {
        var spec = Spec();
        var search = new AdaptiveSearch(spec, null, null, new FixedReading(ReadBounds));
        var tests = search.Propose(100);
        var failedCell = tests[0].Cell;
        for (var i = 0; i < tests.Count; i++)
        {
            var failed = tests[i].Cell == failedCell;
            search.Observe(new TrialResult($"rt-{i}", tests[i], failed ? TrialEnd.Failed : TrialEnd.Completed, null, null, 0,
                failed ? null : [new RangeTestPoint(0.1, 1.0)]));
        }

        Assert.Equal(spec.SearchSpace.MaxLr, search.Cells.Single(cell => cell.Cell.Name == failedCell).Range);
        Assert.Equal(ReadBounds, search.Cells.Single(cell => cell.Cell.Name != failedCell && cell.Cell.BatchSize == 512 && cell.Cell.WeightDecay == 5e-4).Range);
    }

    [Fact]
    public async Task When_no_cell_gets_usable_bounds_the_whole_space_is_searched()
    {
        var spec = Spec();
        var search = new AdaptiveSearch(spec, null, null, new FixedReading(null));
        await ReportAll(search, search.Propose(100));

        Assert.All(search.Cells, cell => Assert.Equal(spec.SearchSpace.MaxLr, cell.Range));
        Assert.Equal(spec.SearchSpace.MaxLr, search.Progress.Bounds);
    }

    [Fact]
    public async Task Bounds_above_the_space_search_the_top_of_the_space()
    {
        var spec = Spec();
        var search = new AdaptiveSearch(spec, null, null, new FixedReading(new LrRange(20, 50)));
        await ReportAll(search, search.Propose(100));

        Assert.All(search.Cells, cell => Assert.Equal(new LrRange(10 / Math.Pow(10, 0.3), 10), cell.Range));
    }

    [Fact]
    public async Task Later_rounds_use_longer_cycles_for_fewer_cells()
    {
        var sweep = await new SweepSimulation(new AdaptiveSearch(Spec(trialEpochs: 200, maxTrials: 60), null, null, new FixedReading(ReadBounds)),
            new SimulatedTrainer(), 4).RunAsync();

        var rounds = sweep.Training.GroupBy(result => result.Proposal.Round).OrderBy(round => round.Key).ToArray();
        var cycles = rounds.Select(round => round.Select(result => Assert.IsType<TrainingProposal>(result.Proposal).Config.CycleEpochs).Distinct().Single()).ToArray();
        var cells = rounds.Select(round => round.Select(result => result.Proposal.Cell).Distinct().Count()).ToArray();
        Assert.Equal(cycles.Order(), cycles);
        Assert.Equal([1, 2, 4], cycles.Distinct());
        Assert.True(cells[^1] < cells[0], $"cells per round: {string.Join(", ", cells)}");
        Assert.Equal(
            sweep.Strategy.Progress.History.Skip(1).Select(round => round.Round),
            rounds.Select(round => round.Key));
    }

    [Fact]
    public async Task Bounds_narrower_than_the_tolerance_end_the_search_after_one_round_at_the_longest_cycle()
    {
        var spec = Spec(trialEpochs: 1000, maxTrials: 300);
        var options = new AdaptiveOptions { ToleranceDecades = 1.0 };
        var sweep = await new SweepSimulation(new AdaptiveSearch(spec, null, options, new FixedReading(ReadBounds)), new SimulatedTrainer(), 4).RunAsync();

        var history = sweep.Strategy.Progress.History;
        Assert.True(sweep.Training.Count() < spec.Budget.MaxTrials / 2, "stopped long before the budget");
        Assert.True(LogScale.Decades(sweep.Strategy.Progress.Bounds) < 1.0);
        var last = sweep.Training.Where(result => result.Proposal.Round == history[^1].Round).ToArray();
        Assert.All(last, result => Assert.Equal(4, Assert.IsType<TrainingProposal>(result.Proposal).Config.CycleEpochs));
    }

    [Fact]
    public async Task Range_tests_without_signal_leave_the_spec_interval_and_the_progress_says_why()
    {
        var spec = Spec();
        var search = new AdaptiveSearch(spec, null, null, new FlatReading());
        await ReportAll(search, search.Propose(100));

        var round = search.Propose(100);

        Assert.Equal(spec.SearchSpace.MaxLr, search.Progress.History[0].Bounds);
        Assert.StartsWith("spec interval (the range tests bound nothing): bs=", search.Progress.BoundsSource);
        Assert.Contains("carry no signal: flat", search.Progress.BoundsSource);
        Assert.NotEmpty(round);
        Assert.All(round, proposal => Assert.InRange(Assert.IsType<TrainingProposal>(proposal).Config.MaxLr, spec.SearchSpace.MaxLr.Min, spec.SearchSpace.MaxLr.Max));
    }

    [Fact]
    public async Task Range_tests_with_signal_say_the_bounds_came_from_them()
    {
        var search = new AdaptiveSearch(Spec(), null, null, new FixedReading(ReadBounds));
        Assert.Null(search.Progress.BoundsSource);
        await ReportAll(search, search.Propose(100));

        Assert.Equal("range tests", search.Progress.BoundsSource);
    }

    [Fact]
    public async Task Range_tests_that_never_saw_the_loss_climb_leave_the_top_to_the_spec_and_the_progress_says_so()
    {
        var spec = Spec();
        var search = new AdaptiveSearch(spec, null, null, new OpenTopReading(spec.SearchSpace.MaxLr.Min * 10));
        await ReportAll(search, search.Propose(100));

        search.Propose(100);

        Assert.Equal(new LrRange(spec.SearchSpace.MaxLr.Min * 10, spec.SearchSpace.MaxLr.Max), search.Progress.History[0].Bounds);
        Assert.StartsWith("range tests; upper end from the spec for bs=", search.Progress.BoundsSource);
        Assert.Contains("never climbed", search.Progress.BoundsSource);
    }

    private static async Task ReportAll(ISearchStrategy search, IReadOnlyList<TrialProposal> proposals)
    {
        var trainer = new SimulatedTrainer();
        for (var i = 0; i < proposals.Count; i++)
        {
            var curve = await trainer.RangeTestAsync(Assert.IsType<RangeTestProposal>(proposals[i]).Config, null, TestContext.Current.CancellationToken);
            search.Observe(new TrialResult($"rt-{i}", proposals[i], TrialEnd.Completed, null, null, 0, curve.Points));
        }
    }

    /// <summary>A reading whose curves all carried no signal.</summary>
    private sealed class FlatReading : IRangeTestReading
    {
        public CellEstimate Read(IReadOnlyList<IReadOnlyList<RangeTestPoint>> curves) =>
            new(null, SuperConvergence: false, NoSignal: $"{curves.Count} of {curves.Count} range tests carry no signal: flat");
    }

    /// <summary>A reading whose curves' floors all reached their last LR: bounded below only.</summary>
    private sealed class OpenTopReading(double low) : IRangeTestReading
    {
        public CellEstimate Read(IReadOnlyList<IReadOnlyList<RangeTestPoint>> curves) =>
            new(new LrRange(low, double.PositiveInfinity), SuperConvergence: false, OpenTop: "the loss never climbed up to the range tests' last LR (3)");
    }

    /// <summary>A reading with a fixed answer, so these tests depend on the bookkeeping only.</summary>
    private sealed class FixedReading(LrRange? bounds) : IRangeTestReading
    {
        public CellEstimate Read(IReadOnlyList<IReadOnlyList<RangeTestPoint>> curves)
        {
            Assert.NotEmpty(curves);
            return new CellEstimate(bounds, SuperConvergence: bounds is not null);
        }
    }
}
