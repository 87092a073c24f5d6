using SuperConvergence.Core.Search;
using SuperConvergence.Core.Search.Baselines;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Core.Tests.Search;

public sealed class TpeSearchTests : SearchStrategyContract
{
    private const double OptimumLr = 0.3;
    private const double OptimumWeightDecay = 1e-4;
    private const int Seeds = 20;

    protected override StrategyKind Kind => StrategyKind.Tpe;

    // Enough trials past the 10 startup ones that the contract checks the estimator-driven proposals too.
    protected override SweepSpec SpecFor(int seed) => TestSpecs.Simulated(StrategyKind.Tpe, seed, trialEpochs: 100, maxTrials: 40);

    [Fact]
    public void On_a_1d_peak_it_finds_the_optimum_faster_than_random_search()
    {
        // Accuracy peaked at max LR 0.3 in log space; nothing else varies.
        var spec = OneCell(maxTrials: 50, weightDecay: [1e-4]);
        static double Accuracy(TrialConfig config) => 0.9 - 0.05 * Square(Math.Log10(config.MaxLr / OptimumLr));

        var tpe = Compare(spec, Accuracy, config => Math.Abs(Math.Log10(config.MaxLr / OptimumLr)) <= 0.2);

        // Random search puts 0.4 / 4 decades = 10 % of its trials within 0.2 decades of the optimum.
        Assert.InRange(tpe.Random.Near, 0.05, 0.15);
        Assert.True(tpe.Tpe.Near >= 2.5 * tpe.Random.Near, tpe.ToString());
        Assert.True(tpe.Tpe.MedianRegret < tpe.Random.MedianRegret / 3, tpe.ToString());
    }

    [Fact]
    public void On_a_2d_peak_of_max_lr_and_weight_decay_it_finds_the_optimum_faster_than_random_search()
    {
        // Max LR (continuous) and weight decay (a categorical of five values) both matter, the LR more.
        var spec = OneCell(maxTrials: 60, weightDecay: [1e-5, 3e-5, 1e-4, 3e-4, 1e-3]);
        static double Accuracy(TrialConfig config) =>
            0.9 - 0.05 * Square(Math.Log10(config.MaxLr / OptimumLr)) - 0.02 * Square(Math.Log10(config.WeightDecay / OptimumWeightDecay));

        var tpe = Compare(spec, Accuracy, config =>
            Math.Abs(Math.Log10(config.MaxLr / OptimumLr)) <= 0.25 && config.WeightDecay == OptimumWeightDecay);

        // Random search: 0.5 / 4 decades of the LR × one weight decay in five = 2.5 %.
        Assert.InRange(tpe.Random.Near, 0.01, 0.05);
        Assert.True(tpe.Tpe.Near >= 0.2 && tpe.Tpe.Near >= 5 * tpe.Random.Near, tpe.ToString());
        Assert.True(tpe.Tpe.MedianRegret < tpe.Random.MedianRegret / 10, tpe.ToString());
    }

    [Fact]
    public void Random_draws_last_until_ten_trials_are_observed_and_failed_or_cancelled_trials_are_not_observations()
    {
        var strategy = new TpeSearch(OneCell(maxTrials: 100, weightDecay: [1e-4]));
        var proposals = strategy.Propose(13);
        var ends = new[] { TrialEnd.Failed, TrialEnd.Cancelled, TrialEnd.Diverged };

        void Report(int i)
        {
            var end = i < 3 ? ends[i] : TrialEnd.Completed;
            strategy.Observe(new TrialResult($"t{i}", proposals[i], end, end == TrialEnd.Completed ? 0.5 : null, null, 1));
        }

        // 1 failed, 1 cancelled, 1 diverged without an accuracy and 8 completed: 9 observations, still random.
        for (var i = 0; i < 11; i++)
        {
            Report(i);
        }

        Assert.Equal(9, strategy.Observations);
        Assert.True(strategy.InStartup);

        Report(11);
        Assert.Equal(10, strategy.Observations);
        Assert.False(strategy.InStartup);

        // A trial it does not have in flight (reported twice, or never proposed) teaches it nothing.
        strategy.Observe(new TrialResult("again", proposals[5], TrialEnd.Completed, 0.99, null, 1));
        Assert.Equal(10, strategy.Observations);
        Assert.Equal(0.5, strategy.Progress.History[0].BestAccuracy);
    }

    [Fact]
    public void Only_cycles_that_still_fit_are_proposed_and_the_whole_epoch_budget_is_spent()
    {
        // Longer cycles score better, so the model wants the 4-epoch cycle; the last epochs only fit shorter ones.
        var spec = TestSpecs.Simulated(StrategyKind.Tpe, seed: 3, trialEpochs: 101, maxTrials: 1000);
        var strategy = new TpeSearch(spec);
        var spent = 0;
        while (!strategy.IsFinished)
        {
            var proposal = Assert.Single(strategy.Propose(1));
            var cycle = Assert.IsType<TrainingProposal>(proposal).Config.CycleEpochs;
            Assert.True(spent + cycle <= 101, $"{cycle} epochs proposed with {101 - spent} left");
            spent += cycle;
            strategy.Observe(new TrialResult($"t{spent}", proposal, TrialEnd.Completed, 0.5 + 0.1 * cycle, null, cycle));
        }

        Assert.Equal(101, spent);
        Assert.Empty(strategy.Propose(4));
    }

    [Fact]
    public void Gamma_is_a_tenth_rounded_up_and_at_most_25()
    {
        Assert.Equal(
            [0, 1, 1, 2, 3, 24, 25, 25],
            new[] { 0, 1, 10, 11, 30, 240, 241, 10_000 }.Select(TpeDefaults.Good));
    }

    [Fact]
    public void Weights_are_flat_below_25_observations_and_ramp_up_for_the_older_ones_above()
    {
        Assert.All(TpeDefaults.Weights(24), weight => Assert.Equal(1.0, weight));
        Assert.Empty(TpeDefaults.Weights(0));

        var weights = TpeDefaults.Weights(30);
        var step = (1.0 - 1.0 / 30) / 4;
        Assert.Equal([1.0 / 30, 1.0 / 30 + step, 1.0 / 30 + 2 * step, 1.0 / 30 + 3 * step, 1.0], weights.Take(5), Tolerance(1e-15));
        Assert.All(weights.Skip(5), weight => Assert.Equal(1.0, weight));

        Assert.Equal(1.0 / 26, TpeDefaults.Weights(26)[0]);
        Assert.All(TpeDefaults.Weights(26).Skip(1), weight => Assert.Equal(1.0, weight));
    }

    [Fact]
    public void The_good_group_is_the_best_tenth_and_a_diverged_trial_without_accuracy_ranks_last()
    {
        // 12 observations: γ(12) = 2. Trial 4 diverged without an accuracy; trials 7 and 9 tie for second place.
        double?[] scores = [0.3, 0.5, 0.2, 0.4, null, 0.1, 0.6, 0.55, 0.35, 0.55, 0.25, 0.15];
        var observations = scores.Select((score, number) => new TpeObservation(number, 0.1, 0, 0, 0, score)).Reverse().ToArray();

        var (good, bad) = TpeObservation.Split(observations);

        Assert.Equal([6, 7], good.Select(observation => observation.Number));
        Assert.Equal([0, 1, 2, 3, 4, 5, 8, 9, 10, 11], bad.Select(observation => observation.Number));

        // With nothing but diverged trials, the earliest ones are "good".
        var diverged = Enumerable.Range(0, 11).Select(number => new TpeObservation(number, 0.1, 0, 0, 0, null)).ToArray();
        Assert.Equal([0, 1], TpeObservation.Split(diverged).Good.Select(observation => observation.Number));
    }

    [Fact]
    public void The_estimator_always_holds_the_prior_centred_on_the_interval_with_its_width_as_sigma()
    {
        var empty = new ParzenEstimator([], -2, 3);
        Assert.Equal([0.5], empty.Means);
        Assert.Equal([5.0], empty.Sigmas);
        Assert.Equal([1.0], empty.Weights);

        var three = new ParzenEstimator([0.1, 0.2, 2.5], -2, 3);
        Assert.Equal((0.5, 5.0), (three.Means[^1], three.Sigmas[^1]));
        Assert.All(three.Weights, weight => Assert.Equal(0.25, weight, 15));

        // 30 observations: the prior weighs 1 against the ramped weights' sum.
        var thirty = new ParzenEstimator([.. Enumerable.Range(0, 30).Select(i => -1.9 + i * 0.15)], -2, 3);
        Assert.Equal(1.0 / (TpeDefaults.Weights(30).Sum() + 1), thirty.Weights[^1], 15);
        Assert.Equal(thirty.Weights[^2], thirty.Weights[^1], 15);
        Assert.True(thirty.Weights[0] < thirty.Weights[^1] / 20);
    }

    [Fact]
    public void Bandwidths_are_the_larger_gap_to_a_neighbour_ignore_the_interval_ends_and_are_clipped_below()
    {
        // Two observations: sigma(0.05) is its gap up to the prior's centre 0.5, sigma(0.9) its gap down to it.
        Assert.Equal([0.45, 0.4], ParzenEstimator.Bandwidths([0.05, 0.9], 0, 1), Tolerance(1e-15));

        // Eight: the lowest, 0.3, takes its inner gap 0.12, not its gap 0.3 to the interval's end; gaps under
        // 1 / min(100, 8 + 2) = 0.1 are clipped to it.
        Assert.Equal(
            [0.12, 0.12, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1],
            ParzenEstimator.Bandwidths([0.3, 0.42, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8], 0, 1),
            Tolerance(1e-12));

        // Repeated observations do not collapse into spikes: all three get width / 5.
        Assert.Equal([2.0, 2.0, 2.0], ParzenEstimator.Bandwidths([1, 1, 1], -5, 5), Tolerance(1e-15));

        // The clip's floor stops at width / 100 however many observations there are; of 500 equal observations only
        // the one next to the prior's centre gets a gap (0.25).
        var many = ParzenEstimator.Bandwidths([.. Enumerable.Repeat(0.25, 500)], 0, 1);
        Assert.Equal(499, many.Count(sigma => Math.Abs(sigma - 0.01) < 1e-15));
        Assert.Equal(0.25, many.Max());
    }

    [Fact]
    public void The_truncated_mixture_is_a_density_on_its_interval_and_its_draws_stay_inside()
    {
        var estimator = new ParzenEstimator([-1.9, 0.3, 0.42, 2.9, 2.95], -2, 3);

        // Simpson's rule over [-2, 3].
        const int Steps = 4000;
        var h = 5.0 / Steps;
        var integral = 0.0;
        for (var i = 0; i <= Steps; i++)
        {
            var factor = i == 0 || i == Steps ? 1 : i % 2 == 1 ? 4 : 2;
            integral += factor * Math.Exp(estimator.LogDensity(-2 + i * h));
        }

        Assert.Equal(1.0, integral * h / 3, 6);
        var draws = Enumerable.Range(0, 20_000).Select(i => estimator.Sample(Core.Randomness.SeededDraws.Hash(1, 2, (ulong)i))).ToArray();
        Assert.All(draws, draw => Assert.InRange(draw, -2, 3));

        // Draws follow the density: the share in [0, 1] matches its integral there.
        var inside = 0.0;
        for (var i = 0; i <= 1000; i++)
        {
            inside += (i == 0 || i == 1000 ? 1 : i % 2 == 1 ? 4 : 2) * Math.Exp(estimator.LogDensity(i / 1000.0));
        }

        Assert.Equal(inside / 3000, draws.Count(draw => draw is >= 0 and <= 1) / (double)draws.Length, 2);
    }

    [Fact]
    public void The_categorical_estimator_mixes_one_kernel_per_observation_with_a_uniform_prior()
    {
        // Kernels of [0, 0, 1] over three choices: each puts 1 on its choice and 1/4 on every choice, normalised;
        // the prior is uniform; all four weigh 1/4. So P = (10/21, 7/21, 4/21).
        var estimator = new CategoricalParzenEstimator([0, 0, 1], 3);

        Assert.Equal([10.0 / 21, 7.0 / 21, 4.0 / 21], estimator.Probabilities, Tolerance(1e-15));
        Assert.Equal([1.0 / 3, 1.0 / 3, 1.0 / 3], new CategoricalParzenEstimator([], 3).Probabilities, Tolerance(1e-15));

        // Restricted to the first choices, draws never leave them and keep their proportions.
        var draws = Enumerable.Range(0, 10_000).Select(i => estimator.Sample((i + 0.5) / 10_000, 2)).ToArray();
        Assert.All(draws, draw => Assert.InRange(draw, 0, 1));
        Assert.Equal(10.0 / 17, draws.Count(draw => draw == 0) / 10_000.0, 3);
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.8413447460685429)]
    [InlineData(-1.96, 0.024997895148220435)]
    [InlineData(2.5, 0.9937903346742238)]
    [InlineData(-8.0, 6.22096057427178e-16)]
    [InlineData(-40.0, 0.0)]
    public void The_normal_cdf_is_accurate_to_double_precision(double z, double expected)
    {
        Assert.Equal(expected, StandardNormal.Cdf(z), 15);
    }

    private static SweepSpec OneCell(int maxTrials, IReadOnlyList<double> weightDecay)
    {
        var spec = TestSpecs.Simulated(StrategyKind.Tpe, trialEpochs: maxTrials, maxTrials: maxTrials, slots: 1);
        return spec with { SearchSpace = spec.SearchSpace with { WeightDecay = weightDecay, BatchSize = [128], CycleEpochs = [1] } };
    }

    /// <summary>TPE and random search over the same seeds, each driven one trial at a time on <paramref name="accuracy"/>.</summary>
    private static Comparison Compare(SweepSpec spec, Func<TrialConfig, double> accuracy, Func<TrialConfig, bool> near)
    {
        var factory = new SearchStrategyFactory();
        Outcome Run(StrategyKind kind)
        {
            var regrets = new List<double>();
            var nearCount = 0;
            var counted = 0;
            for (var seed = 1; seed <= Seeds; seed++)
            {
                var configs = Drive(factory.Create(spec with { Strategy = kind, Seed = seed }, null), accuracy);
                Assert.Equal(spec.Budget.MaxTrials, configs.Count);
                regrets.Add(0.9 - configs.Max(accuracy));
                var afterStartup = configs.Skip(TpeDefaults.StartupTrials).ToArray();
                nearCount += afterStartup.Count(near);
                counted += afterStartup.Length;
            }

            return new Outcome(Median(regrets), nearCount / (double)counted);
        }

        return new Comparison(Run(StrategyKind.Tpe), Run(StrategyKind.Random));
    }

    /// <summary>Propose(1) → accuracy → Observe until the strategy is done; the configs in proposal order.</summary>
    private static List<TrialConfig> Drive(ISearchStrategy strategy, Func<TrialConfig, double> accuracy)
    {
        var configs = new List<TrialConfig>();
        while (!strategy.IsFinished)
        {
            var proposal = Assert.Single(strategy.Propose(1));
            var config = Assert.IsType<TrainingProposal>(proposal).Config;
            configs.Add(config);
            strategy.Observe(new TrialResult($"t{configs.Count}", proposal, TrialEnd.Completed, accuracy(config), null, config.CycleEpochs));
        }

        return configs;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }

    private static double Square(double x) => x * x;

    private static Func<double, double, bool> Tolerance(double tolerance) => (a, b) => Math.Abs(a - b) <= tolerance;

    /// <summary>Median regret (0.9 minus the best accuracy found) over the seeds, and the share of post-startup trials near the optimum.</summary>
    private sealed record Outcome(double MedianRegret, double Near);

    private sealed record Comparison(Outcome Tpe, Outcome Random);
}
