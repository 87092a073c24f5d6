using CsCheck;
using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.Core.Tests.RangeTests;

public sealed class RangeTestAggregationTests
{
    private const int Precision = 12;

    private static RangeTestReport Report(
        double maxLr, double? minLr = null, double? divergenceLr = null, SuperConvergenceSignal? signal = null, double suggestion = 0.01, bool usable = true) =>
        new(
            new LrSuggestions(suggestion, suggestion * 2, suggestion * 3, suggestion * 4), divergenceLr, new LrBounds(minLr ?? maxLr / 25, maxLr), signal, [],
            new LossFloor(maxLr / 3, maxLr * 3, maxLr), new CurveSignal(usable, usable ? 0.6 : 0.05, usable ? null : "flat"));

    private static SuperConvergenceSignal Signal(bool possible, double low, double high) => new(possible, low, high, 0.9, high);

    [Fact]
    public void The_floor_is_the_median_of_the_curves_floors_and_most_curves_must_carry_signal()
    {
        var aggregated = RangeTestAggregation.Aggregate([Report(0.3), Report(0.5), Report(0.4, usable: false)]);

        Assert.Equal(0.4 / 3, aggregated.Floor.Low, Precision);
        Assert.Equal(0.4 * 3, aggregated.Floor.High, Precision);
        Assert.Equal(0.4, aggregated.Floor.MinimumLr, Precision);
        Assert.Equal(2, aggregated.CurvesWithSignal);
        Assert.True(aggregated.HasSignal);

        var flat = RangeTestAggregation.Aggregate([Report(0.3, usable: false), Report(0.5), Report(0.4, usable: false)]);

        Assert.False(flat.HasSignal);
        Assert.Equal("flat", flat.NoSignalReason);
    }

    [Fact]
    public void One_outlier_among_five_curves_moves_neither_the_bound_nor_the_spread_much()
    {
        var aggregated = RangeTestAggregation.Aggregate([Report(0.5), Report(0.55), Report(0.6), Report(0.58), Report(50)]);

        Assert.Equal(0.58, aggregated.Recommended.MaxLr, Precision);
        // Deviations from the median in decades, sorted: 0, |log 0.6/0.58|, |log 0.55/0.58|, |log 0.5/0.58|, |log 50/0.58|.
        Assert.Equal(Math.Abs(Math.Log10(0.55 / 0.58)), aggregated.Spread.MaxLrDecades, Precision);
        Assert.Equal(5, aggregated.Curves);
    }

    [Fact]
    public void One_outlier_curve_never_takes_a_bound_outside_the_range_of_the_others() =>
        Gen.Select(Gen.Double[1e-4, 10].List[2, 10], Gen.Double[1e-9, 1e9]).Sample((others, outlier) =>
        {
            var aggregated = RangeTestAggregation.Aggregate([.. others.Select(lr => Report(lr)), Report(outlier)]);

            Assert.InRange(aggregated.Recommended.MaxLr, others.Min() * (1 - 1e-12), others.Max() * (1 + 1e-12));
        });

    [Fact]
    public void Suggestions_are_medians_of_each_suggestion()
    {
        var aggregated = RangeTestAggregation.Aggregate([Report(1, suggestion: 0.01), Report(1, suggestion: 0.02), Report(1, suggestion: 10)]);

        Assert.Equal(new[] { 0.02, 0.04, 0.06, 0.08 }, new[] { aggregated.Suggestions.Minimum, aggregated.Suggestions.Steep, aggregated.Suggestions.Valley, aggregated.Suggestions.Slide }.Select(v => Math.Round(v, Precision)));
    }

    [Fact]
    public void Divergence_counts_only_when_most_curves_diverged()
    {
        var most = RangeTestAggregation.Aggregate([Report(0.5, divergenceLr: 1), Report(0.5, divergenceLr: 4), Report(0.5)]);
        var few = RangeTestAggregation.Aggregate([Report(0.5, divergenceLr: 1), Report(0.5), Report(0.5)]);

        // The median of the two diverged curves' LRs in log space: their geometric mean.
        Assert.Equal(2, most.DivergenceLr!.Value, Precision);
        Assert.Null(few.DivergenceLr);
    }

    [Fact]
    public void Super_convergence_is_possible_when_most_curves_with_accuracy_say_so()
    {
        var most = RangeTestAggregation.Aggregate([Report(1, signal: Signal(true, 0.01, 1)), Report(1, signal: Signal(true, 0.04, 2)), Report(1, signal: Signal(false, 0.5, 0.6))]);
        var few = RangeTestAggregation.Aggregate([Report(1, signal: Signal(true, 0.01, 1)), Report(1, signal: Signal(false, 0.5, 0.6)), Report(1, signal: Signal(false, 0.5, 0.6))]);
        var none = RangeTestAggregation.Aggregate([Report(1), Report(1)]);

        Assert.True(most.SuperConvergencePossible);
        Assert.Equal(0.04, most.PlateauLow!.Value, Precision);
        Assert.Equal(1, most.PlateauHigh!.Value, Precision);
        Assert.False(few.SuperConvergencePossible);
        Assert.False(none.SuperConvergencePossible);
        Assert.Null(none.PlateauLow);
    }

    [Fact]
    public void Min_lr_follows_the_single_curve_rule_falling_back_to_max_over_25()
    {
        var below = RangeTestAggregation.Aggregate([Report(1, minLr: 1e-3), Report(1, minLr: 1e-2), Report(1, minLr: 1e-1)]);
        var notBelow = RangeTestAggregation.Aggregate([Report(0.1, minLr: 0.2), Report(0.1, minLr: 0.3), Report(0.1, minLr: 0.4)]);

        Assert.Equal(1e-2, below.Recommended.MinLr, Precision);
        Assert.Equal(0.1 / 25, notBelow.Recommended.MinLr, Precision);
    }

    [Fact]
    public void No_reports_is_an_error() =>
        Assert.Throws<ArgumentException>(() => RangeTestAggregation.Aggregate([]));
}
