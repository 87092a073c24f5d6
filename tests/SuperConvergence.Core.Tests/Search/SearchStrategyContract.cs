using CsCheck;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Search.Space;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials.Simulated;

namespace SuperConvergence.Core.Tests.Search;

/// <summary>
/// What every strategy promises the coordinator grain: proposals inside the space and the budget, never more than
/// the capacity asked for, an end, determinism for a seed, and a saved state from which a new instance continues
/// exactly as the old one would have. Each strategy's test class derives from this one.
/// </summary>
public abstract class SearchStrategyContract
{
    private static readonly SearchStrategyFactory Factory = new();

    protected abstract StrategyKind Kind { get; }

    protected virtual SweepSpec SpecFor(int seed) => TestSpecs.Simulated(Kind, seed);

    [Fact]
    public async Task Proposals_stay_inside_the_space_and_the_budget()
    {
        var spec = SpecFor(seed: 3);
        var sweep = await Simulate(spec);

        Assert.NotEmpty(sweep.Training);
        foreach (var proposal in sweep.Proposals)
        {
            if (proposal is TrainingProposal { Config: var train })
            {
                Assert.Equal(TrialKind.Train, proposal.Kind);
                Assert.InRange(train.MaxLr, spec.SearchSpace.MaxLr.Min, spec.SearchSpace.MaxLr.Max);
                Assert.Contains(train.WeightDecay, spec.SearchSpace.WeightDecay);
                Assert.Contains(train.BatchSize, spec.SearchSpace.BatchSize);
                Assert.Contains(train.CycleEpochs, spec.SearchSpace.CycleEpochs);
                Assert.Equal((spec.SearchSpace.Momentum.Base, spec.SearchSpace.Momentum.Max), (train.BaseMomentum, train.MaxMomentum));
                Assert.Equal(new SearchCell(train.BatchSize, train.WeightDecay).Name, proposal.Cell);
                Assert.True(proposal.Round >= 1);
            }
            else
            {
                var rangeTest = Assert.IsType<RangeTestProposal>(proposal).Config;
                Assert.Equal(TrialKind.RangeTest, proposal.Kind);
                Assert.Equal((spec.RangeTest.StartLr, spec.RangeTest.EndLr, spec.RangeTest.Iterations), (rangeTest.StartLr, rangeTest.EndLr, rangeTest.Iterations));
                Assert.Equal(0, proposal.Round);
            }
        }

        var training = sweep.Proposals.OfType<TrainingProposal>().ToArray();
        Assert.True(training.Length <= spec.Budget.MaxTrials);
        Assert.True(training.Sum(proposal => proposal.Config.CycleEpochs) <= spec.Budget.TrialEpochs);
    }

    [Fact]
    public void Whatever_the_capacities_proposals_stay_within_them_the_space_and_the_budget()
    {
        Gen.Select(Gen.Int[0, 1000], Gen.Int[0, 6].Array[1, 8], Gen.Int[1, 6]).Sample(
            (seed, capacities, slots) =>
            {
                // The driver asserts Propose(capacity).Count <= capacity on every call, zero included.
                var spec = SpecFor(seed);
                var sweep = new SweepSimulation(Factory.Create(spec, null), new SimulatedTrainer(), slots,
                    capacityAt: call => call % 7 == 6 ? slots : capacities[call % capacities.Length]);
                sweep.RunAsync().GetAwaiter().GetResult();

                Assert.True(sweep.Strategy.IsFinished);
                var training = sweep.Proposals.OfType<TrainingProposal>().Select(proposal => proposal.Config).ToArray();
                Assert.All(training, config => Assert.True(LogScale.Contains(spec.SearchSpace.MaxLr, config.MaxLr), $"{config.MaxLr}"));
                Assert.True(training.Length <= spec.Budget.MaxTrials && training.Sum(config => config.CycleEpochs) <= spec.Budget.TrialEpochs);
            },
            iter: 25);
    }

    [Fact]
    public async Task Ends_and_then_proposes_nothing()
    {
        var sweep = await Simulate(SpecFor(seed: 5));

        Assert.True(sweep.Strategy.IsFinished);
        Assert.Empty(sweep.Strategy.Propose(10));
        Assert.Equal(SearchPhase.Done, sweep.Strategy.Progress.Phase);
        Assert.Equal(sweep.Proposals.Count, sweep.Results.Count);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_sweep_and_another_seed_a_different_one()
    {
        var first = await Simulate(SpecFor(seed: 8));
        var again = await Simulate(SpecFor(seed: 8));
        var other = await Simulate(SpecFor(seed: 9));

        Assert.Equal(first.Proposals, again.Proposals);
        Assert.Equal(first.Strategy.SaveState(), again.Strategy.SaveState());
        Assert.NotEqual(first.Proposals, other.Proposals);
    }

    [Fact]
    public async Task A_strategy_restored_after_every_call_continues_exactly_like_the_original()
    {
        var spec = SpecFor(seed: 12);
        var uninterrupted = await Simulate(spec);
        var restores = 0;
        var restored = await Simulate(spec, reload: strategy =>
        {
            restores++;
            return Factory.Create(spec, strategy.SaveState());
        });

        Assert.True(restores > uninterrupted.Proposals.Count);
        Assert.Equal(uninterrupted.Proposals, restored.Proposals);
        Assert.Equal(uninterrupted.Strategy.SaveState(), restored.Strategy.SaveState());
        Assert.Equal(Describe(uninterrupted.Strategy.Progress), Describe(restored.Strategy.Progress));
    }

    [Fact]
    public async Task A_saved_state_reads_back_to_the_same_state()
    {
        var spec = SpecFor(seed: 4);
        var states = new List<string>();
        await Simulate(spec, reload: strategy =>
        {
            states.Add(strategy.SaveState());
            return strategy;
        });

        Assert.All(states.Where((_, index) => index % 5 == 0), state => Assert.Equal(state, Factory.Create(spec, state).SaveState()));
    }

    [Fact]
    public void A_state_saved_by_another_strategy_is_refused()
    {
        var other = Kind == StrategyKind.Random ? StrategyKind.Grid : StrategyKind.Random;
        var foreign = Factory.Create(TestSpecs.Simulated(other), null).SaveState();

        var error = Assert.Throws<ArgumentException>(() => Factory.Create(SpecFor(seed: 1), foreign));

        Assert.Contains("written by", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_reports_bounds_inside_the_space_and_rounds_in_order()
    {
        var spec = SpecFor(seed: 6);
        var sweep = await Simulate(spec, reload: strategy =>
        {
            var progress = strategy.Progress;
            Assert.True(progress.Round >= 0);
            Assert.True(progress.Bounds.Min <= progress.Bounds.Max);
            Assert.InRange(progress.Bounds.Min, spec.SearchSpace.MaxLr.Min, spec.SearchSpace.MaxLr.Max);
            Assert.InRange(progress.Bounds.Max, spec.SearchSpace.MaxLr.Min, spec.SearchSpace.MaxLr.Max);
            Assert.Equal(progress.History.Select(round => round.Round).Order(), progress.History.Select(round => round.Round));
            return strategy;
        });

        var best = sweep.Strategy.Progress.History.Max(round => round.BestAccuracy);
        Assert.Equal(sweep.BestAccuracy, best!.Value, 12);
    }

    private protected static Task<SweepSimulation> Simulate(SweepSpec spec, Func<ISearchStrategy, ISearchStrategy>? reload = null) =>
        new SweepSimulation(Factory.Create(spec, null), new SimulatedTrainer(), spec.MaxConcurrentTrials, reload).RunAsync();

    private static string Describe(SearchProgress progress) =>
        $"{progress.Round} {progress.Bounds} {progress.Phase} {string.Join(";", progress.History)}";
}
