using CsCheck;
using SuperConvergence.Core.Search.Adaptive;
using SuperConvergence.Core.Search.Space;
using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Tests.Search;

public sealed class NarrowingRuleTests
{
    private static readonly AdaptiveOptions Options = new();

    [Fact]
    public void The_next_interval_spans_the_top_third_and_every_trial_as_good_within_the_tolerance_widened_a_little()
    {
        var interval = new LrRange(0.1, 2);
        RoundResult[] results =
        [
            new(0, 0.12, 0.80, false), new(1, 0.15, 0.84, false), new(0, 0.2, 0.88, false), new(1, 0.3, 0.905, false),
            new(0, 0.4, 0.91, false), new(1, 0.6, 0.912, false), new(0, 0.8, 0.903, false), new(1, 1.2, 0.85, false),
            new(0, 1.6, 0.6, false), new(1, 1.9, null, true),
        ];

        var best = NarrowingRule.BestTrials(results, Options);
        var next = NarrowingRule.Next(interval, interval, results, Options);

        // Top third of 9 completed = 3 (0.912, 0.91, 0.905); 0.903 is within 0.01 of the best, 0.88 is not.
        Assert.Equal([0.6, 0.4, 0.3, 0.8], best.Select(result => result.MaxLr));
        // Their span, log10(0.8 / 0.3) = 0.426 decades, widened by a quarter of it on each side.
        var margin = Math.Pow(10, 0.25 * Math.Log10(0.8 / 0.3));
        Assert.Equal(0.3 / margin, next.Min, 12);
        Assert.Equal(0.8 * margin, next.Max, 12);
    }

    [Fact]
    public void A_round_keeps_at_least_a_share_of_the_span_centred_on_its_best_trials()
    {
        var interval = new LrRange(0.01, 10);
        RoundResult[] results = [new(0, 0.4, 0.95, false), new(0, 0.5, 0.94, false), new(0, 0.05, 0.6, false), new(0, 3, 0.5, false)];

        var next = NarrowingRule.Next(interval, interval, results, Options);

        Assert.Equal(0.3 * 3, LogScale.Decades(next), 9);
        Assert.Equal(Math.Sqrt(0.4 * 0.5), LogScale.Centre(next), 9);
    }

    [Fact]
    public void Best_trials_at_an_edge_move_the_interval_past_it_but_not_past_the_outer_bounds()
    {
        var interval = new LrRange(0.1, 0.5);
        RoundResult[] results = [new(0, 0.45, 0.93, false), new(0, 0.5, 0.94, false), new(0, 0.1, 0.7, false), new(0, 0.2, 0.8, false)];

        var wide = NarrowingRule.Next(interval, new LrRange(0.01, 10), results, Options);
        var capped = NarrowingRule.Next(interval, new LrRange(0.01, 0.55), results, Options);

        Assert.True(wide.Max > 0.5, $"{wide}");
        Assert.Equal(0.55, capped.Max, 12);
    }

    [Fact]
    public void Best_trials_at_both_edges_keep_the_interval_no_wider_than_it_was()
    {
        var interval = new LrRange(0.1, 1);
        RoundResult[] results = [new(0, 0.1, 0.93, false), new(0, 1, 0.935, false), new(0, 0.3, 0.8, false)];

        var next = NarrowingRule.Next(interval, new LrRange(0.01, 10), results, Options);

        Assert.Equal(0.1, next.Min, 12);
        Assert.Equal(1, next.Max, 12);
    }

    [Fact]
    public void A_round_where_nothing_completed_keeps_the_lower_half()
    {
        var next = NarrowingRule.Next(new LrRange(0.01, 1), new LrRange(0.01, 1), [new(0, 0.5, null, true), new(1, 0.2, null, false)], Options);

        Assert.Equal(0.01, next.Min, 12);
        Assert.Equal(0.1, next.Max, 12);
    }

    [Fact]
    public void The_next_interval_lies_inside_the_outer_bounds_and_holds_the_best_trial()
    {
        var rounds = Gen.Select(Gen.Double[-4, 1], Gen.Double[0.2, 4]).SelectMany((logMin, decades) =>
            Gen.Select(Gen.Double[0, 1], Gen.Double[0.1, 0.95], Gen.Bool).Array[1, 30].Select(trials => (logMin, decades, trials)));

        rounds.Sample(round =>
        {
            var interval = new LrRange(Math.Pow(10, round.logMin), Math.Pow(10, round.logMin + round.decades));
            var results = round.trials.Select((trial, i) => new RoundResult(i % 3, LogScale.At(interval, trial.Item1), trial.Item3 ? trial.Item2 : null, !trial.Item3)).ToArray();

            var outer = LogScale.Widen(interval, round.decades / 4);
            var next = NarrowingRule.Next(interval, outer, results, Options);

            Assert.True(next.Min >= outer.Min * (1 - 1e-12) && next.Max <= outer.Max * (1 + 1e-12), $"{next} outside {outer}");
            Assert.True(next.Min <= next.Max);
            Assert.True(LogScale.Decades(next) <= LogScale.Decades(interval) * (1 + 1e-9), $"{next} is wider than {interval}");
            var completed = results.Where(result => result.Accuracy is not null).OrderByDescending(result => result.Accuracy).ThenBy(result => result.MaxLr).ToArray();
            if (completed.Length > 0)
            {
                Assert.True(LogScale.Decades(next) >= Math.Min(Options.MinKeepShare * round.decades, LogScale.Decades(interval)) * (1 - 1e-9));
                Assert.InRange(completed[0].MaxLr, next.Min * (1 - 1e-12), next.Max * (1 + 1e-12));
            }
        });
    }
}
