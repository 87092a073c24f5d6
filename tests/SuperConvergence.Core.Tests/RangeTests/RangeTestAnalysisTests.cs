using CsCheck;
using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Schedules;

namespace SuperConvergence.Core.Tests.RangeTests;

public sealed class RangeTestAnalysisTests
{
    /// <summary>n points, LR log-spaced from 1e-5 to 10.</summary>
    private static List<RangeTestPoint> Curve(int n, Func<double, double> loss, Func<int, double, double?>? accuracy = null) =>
        Enumerable.Range(0, n).Select(i =>
        {
            var lr = 1e-5 * Math.Pow(1e6, i / (double)(n - 1));
            return new RangeTestPoint(lr, loss(lr), accuracy?.Invoke(i, lr));
        }).ToList();

    private static double Decades(double a, double b) => Math.Abs(Math.Log10(a / b));

    [Fact]
    public void The_steep_suggestion_is_where_loss_falls_fastest_against_log_lr()
    {
        // Loss falls as a logistic in log10(lr) centred at 1e-2: the steepest point is the centre.
        var report = RangeTestAnalysis.Analyze(Curve(300, lr => 2.5 - 2 / (1 + Math.Exp(-4 * (Math.Log10(lr) + 2)))), new RangeTestAnalysisOptions(Beta: 0));

        Assert.True(Decades(report.Suggestions.Steep, 1e-2) < 0.05, $"steep {report.Suggestions.Steep}");
        Assert.Null(report.DivergenceLr);
    }

    [Fact]
    public void Divergence_is_the_first_lr_where_the_smoothed_loss_exceeds_four_times_its_minimum()
    {
        var report = RangeTestAnalysis.Analyze(Curve(300, lr => lr < 1 ? 1.0 - 0.1 * Math.Log10(lr / 1e-5) / 5 : 100));

        Assert.NotNull(report.DivergenceLr);
        Assert.InRange(report.DivergenceLr!.Value, 1, 1.2);
        Assert.True(report.Recommended.MaxLr < report.DivergenceLr);
    }

    [Fact]
    public void A_nan_tail_is_divergence_not_an_error()
    {
        var curve = Curve(100, lr => lr < 1 ? 2 - 0.1 * Math.Log10(lr / 1e-5) : double.NaN);
        var firstNan = curve.First(p => double.IsNaN(p.Loss)).LearningRate;

        var report = RangeTestAnalysis.Analyze(curve);

        Assert.Equal(firstNan, report.DivergenceLr);
        Assert.All(report.Points, p => Assert.True(double.IsFinite(p.SmoothedLoss)));
    }

    [Fact]
    public void A_wide_accuracy_plateau_up_to_a_large_lr_signals_super_convergence()
    {
        var report = RangeTestAnalysis.Analyze(Curve(
            200,
            lr => 2 - Math.Min(1.5, 0.3 * Math.Log10(lr / 1e-5)),
            (i, lr) => i % 10 != 0 ? null : lr < 1e-3 ? 0.3 + 0.2 * Math.Log10(lr / 1e-5) : lr <= 2 ? 0.9 : 0.2));

        var signal = Assert.IsType<SuperConvergenceSignal>(report.SuperConvergence);
        Assert.True(signal.Possible);
        Assert.InRange(signal.PlateauLow, 1e-3, 2e-3);
        Assert.InRange(signal.PlateauHigh, 1, 2);
        Assert.Equal(signal.PlateauHigh, report.Recommended.MaxLr);
    }

    [Fact]
    public void A_sharp_accuracy_peak_does_not_signal_super_convergence()
    {
        var report = RangeTestAnalysis.Analyze(Curve(
            200,
            lr => 2 - Math.Min(1.5, 0.3 * Math.Log10(lr / 1e-5)),
            (i, lr) => i % 5 != 0 ? null : Math.Max(0.1, 0.9 - 0.5 * Math.Abs(Math.Log10(lr / 1e-2)))));

        var signal = Assert.IsType<SuperConvergenceSignal>(report.SuperConvergence);
        Assert.False(signal.Possible);
        Assert.True(Decades(signal.PeakLr, 1e-2) < 0.2);
    }

    [Fact]
    public void Without_accuracy_there_is_no_signal_and_max_lr_is_where_loss_stops_improving()
    {
        var report = RangeTestAnalysis.Analyze(Curve(200, lr => Math.Pow(Math.Log10(lr) + 1, 2) + 0.5), new RangeTestAnalysisOptions(Beta: 0));

        Assert.Null(report.SuperConvergence);
        Assert.True(Decades(report.Recommended.MaxLr, 0.1) < 0.05, $"max {report.Recommended.MaxLr}");
        Assert.True(report.Recommended.MinLr < report.Recommended.MaxLr);
        Assert.True(Decades(report.Suggestions.Minimum, 0.01) < 0.05, $"minimum {report.Suggestions.Minimum}");
    }

    [Fact]
    public void The_valley_suggestion_equals_fastais_quadratic_rule() =>
        Gen.Double[0.5, 3].Array[40, 200].Sample(losses =>
        {
            var curve = losses.Select((loss, i) => new RangeTestPoint(1e-4 * Math.Pow(1.05, i), loss)).ToList();
            var report = RangeTestAnalysis.Analyze(curve, new RangeTestAnalysisOptions(Beta: 0, DivergeFactor: 1e9));

            var skip = curve.Count / 10;
            var kept = curve.Skip(skip).Take(curve.Count - skip - Math.Min(5, curve.Count - skip - RangeTestAnalysis.MinimumPoints)).ToList();
            Assert.Equal(FastaiValley(kept.Select(p => p.LearningRate).ToArray(), kept.Select(p => p.Loss).ToArray()), report.Suggestions.Valley);
        });

    [Fact]
    public void Aggregation_is_not_moved_by_one_outlier_curve()
    {
        RangeTestReport Report(double maxLr) => new(new LrSuggestions(1, 1, 1, 1), null, new LrBounds(maxLr / 25, maxLr), null, []);

        var aggregated = RangeTestAggregation.Aggregate([Report(0.5), Report(0.6), Report(50)]);

        Assert.InRange(aggregated.Recommended.MaxLr, 0.5, 0.6);
        Assert.True(aggregated.Spread.MaxLrDecades < 0.1);
        Assert.Equal(3, aggregated.Curves);
    }

    [Theory]
    [InlineData(5, "points: 5 must be at least 10")]
    public void Too_few_points_are_refused(int count, string message)
    {
        var error = Assert.Throws<ScheduleSettingException>(() => RangeTestAnalysis.Analyze(Curve(count, _ => 1)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Non_increasing_lrs_are_refused_naming_the_point()
    {
        var curve = Curve(20, _ => 1);
        curve[7] = curve[7] with { LearningRate = curve[6].LearningRate };

        var error = Assert.Throws<ScheduleSettingException>(() => RangeTestAnalysis.Analyze(curve));

        Assert.Equal("lr", error.Field);
        Assert.Contains("at point 8", error.Message);
    }

    /// <summary>fastai's valley() exactly as published (O(n²)), as the reference.</summary>
    private static double FastaiValley(double[] lrs, double[] losses)
    {
        var n = losses.Length;
        var (maxStart, maxEnd) = (0, 0);
        var lds = Enumerable.Repeat(1, n).ToArray();
        for (var i = 1; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (losses[i] < losses[j] && lds[i] < lds[j] + 1)
                {
                    lds[i] = lds[j] + 1;
                }

                if (lds[maxEnd] < lds[i])
                {
                    maxEnd = i;
                    maxStart = maxEnd - lds[maxEnd];
                }
            }
        }

        var sections = (maxEnd - maxStart) / 3.0;
        var index = maxStart + (int)sections + (int)(sections / 2);
        return lrs[index];
    }
}
