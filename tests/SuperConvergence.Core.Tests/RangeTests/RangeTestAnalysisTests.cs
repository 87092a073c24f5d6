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
        // The recommendation reads the loss, not the sparse accuracy readings: the plateau is the signal only.
        Assert.Equal(report.Floor.High / new RangeTestAnalysisOptions().FloorTopDivisor, report.Recommended.MaxLr, 12);
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
    public void Without_accuracy_there_is_no_plateau_and_the_floor_ends_before_divergence()
    {
        // A parabola in log LR: lowest (0.5) at 0.1, four times that where (x + 1)² = 1.5, at LR 1.67.
        var report = RangeTestAnalysis.Analyze(Curve(200, lr => Math.Pow(Math.Log10(lr) + 1, 2) + 0.5), new RangeTestAnalysisOptions(Beta: 0));

        Assert.Null(report.SuperConvergence);
        Assert.True(Decades(report.Floor.MinimumLr, 0.1) < 0.05, $"lowest at {report.Floor.MinimumLr}");
        Assert.True(Decades(report.DivergenceLr!.Value, 1.67) < 0.05, $"divergence {report.DivergenceLr}");
        Assert.True(report.Floor.High < report.DivergenceLr);
        Assert.Equal(report.Floor.High / 5, report.Recommended.MaxLr, 12);
        Assert.True(report.Recommended.MinLr < report.Recommended.MaxLr);
        Assert.True(Decades(report.Suggestions.Minimum, 0.01) < 0.05, $"minimum {report.Suggestions.Minimum}");
    }

    [Fact]
    public void A_floor_that_runs_to_the_tests_last_lr_reaches_the_end_and_one_that_climbs_does_not()
    {
        // The loss falls (logistic centred at 1e-3) and stays at 0.5 to the last LR, 10: no top was seen.
        static double Falling(double lr) => 0.5 + 2.0 / (1 + Math.Exp(4 * (Math.Log10(lr) + 3)));

        var open = RangeTestAnalysis.Analyze(Curve(400, Falling));
        var closed = RangeTestAnalysis.Analyze(Curve(400, lr => Falling(lr) + Math.Exp(Math.Log10(lr) / 0.1) * 0.1));

        Assert.True(open.Floor.ReachesEnd);
        Assert.Equal(10, open.Floor.High, 9);
        Assert.Null(open.DivergenceLr);
        Assert.False(closed.Floor.ReachesEnd);
        Assert.True(closed.Floor.High < 1.4);
    }

    [Fact]
    public void A_floor_cut_off_by_a_blown_up_loss_does_not_reach_the_end()
    {
        // Flat at 0.5 up to LR 1, then NaN: the test saw where the LR hurts, even though the floor is flat to there.
        var report = RangeTestAnalysis.Analyze(Curve(400, lr => lr < 1 ? 0.5 + 2.0 / (1 + Math.Exp(4 * (Math.Log10(lr) + 3))) : double.NaN));

        Assert.False(report.Floor.ReachesEnd);
        Assert.NotNull(report.DivergenceLr);
    }

    [Fact]
    public void The_recommendation_is_a_fixed_factor_below_the_top_of_the_loss_floor()
    {
        // Loss falls (logistic centred at 1e-3), sits at 0.5 and climbs as a steep exponential near 1: within 20 % of
        // the 2.0 fall above the minimum from 2.2e-3 (the logistic's tail) to 1.38 (the climb), a little less once
        // the climb is smoothed.
        var report = RangeTestAnalysis.Analyze(Curve(
            600,
            lr => 0.5 + 2.0 / (1 + Math.Exp(4 * (Math.Log10(lr) + 3))) + Math.Exp((Math.Log10(lr) - 0) / 0.1) * 0.1));

        Assert.True(report.Signal.Usable);
        Assert.InRange(report.Signal.Drop, 0.75, 0.81);
        Assert.InRange(report.Floor.Low, 1.8e-3, 3.5e-3);
        Assert.InRange(report.Floor.High, 0.8, 1.38);
        Assert.Equal(report.Floor.High / 5, report.Recommended.MaxLr, 12);
        Assert.True(report.Recommended.MinLr < report.Floor.Low);
        Assert.NotNull(report.DivergenceLr);
        Assert.True(report.DivergenceLr > report.Floor.High);
    }

    [Fact]
    public void A_curve_whose_loss_barely_moves_carries_no_signal_and_says_why()
    {
        var report = RangeTestAnalysis.Analyze(Curve(60, lr => 2.3 - 0.1 * (Math.Log10(lr) + 5) / 6));

        Assert.False(report.Signal.Usable);
        Assert.InRange(report.Signal.Drop, 0.03, 0.05);
        Assert.StartsWith("the smoothed loss fell only 4", report.Signal.Reason);
        Assert.Contains("at least 20 %", report.Signal.Reason);
    }

    /// <summary>
    /// The property the lag-free smoother exists for: on a noisy valley whose minimum is known, the smoothed minimum
    /// sits at the true one within 0.1 decades — whether the test recorded 50 points or 5,000. (fastai's moving
    /// average puts it β/(1−β) ≈ 49 points late: more than a decade at 50 points over 6 decades.)
    /// </summary>
    [Fact]
    public void The_lag_free_minimum_of_a_noisy_valley_is_where_the_valley_is_at_any_number_of_points() =>
        Gen.Select(Gen.Int[50, 5000], Gen.Double[-3.5, -0.5], Gen.Double[0.5, 1.5], Gen.UInt).Sample((n, centre, width, seed) =>
        {
            var random = new Random((int)seed);
            var curve = Curve(n, lr =>
            {
                var x = (Math.Log10(lr) - centre) / width;
                return (0.4 + 1.5 * x * x) * (1 + 0.03 * Gaussian(random));
            });

            var report = RangeTestAnalysis.Analyze(curve, new RangeTestAnalysisOptions(DivergeFactor: 1e9));

            Assert.True(Decades(report.Floor.MinimumLr, Math.Pow(10, centre)) <= 0.1, $"n {n}: minimum at {report.Floor.MinimumLr}, valley at {Math.Pow(10, centre)}");
        }, iter: 60);

    [Fact]
    public void The_lag_free_smoother_is_zero_phase_and_means_the_same_at_any_density()
    {
        // A symmetric bump sampled at 100 and at 10,000 points: the smoothed peak stays on the bump's centre, and
        // the smoothed value there is the same at both densities (the width is in decades, not points).
        double Bump(double lr) => 1 + Math.Exp(-Math.Pow((Math.Log10(lr) + 2) / 0.3, 2));
        var sparse = Curve(100, Bump);
        var dense = Curve(10_000, Bump);

        var smoothSparse = LagFreeSmoother.Smooth([.. sparse.Select(p => p.LearningRate)], [.. sparse.Select(p => p.Loss)], 0.2);
        var smoothDense = LagFreeSmoother.Smooth([.. dense.Select(p => p.LearningRate)], [.. dense.Select(p => p.Loss)], 0.2);

        var peakSparse = sparse[Array.IndexOf(smoothSparse, smoothSparse.Max())].LearningRate;
        var peakDense = dense[Array.IndexOf(smoothDense, smoothDense.Max())].LearningRate;
        Assert.True(Decades(peakSparse, 1e-2) <= 0.06, $"sparse peak {peakSparse}");
        Assert.True(Decades(peakDense, 1e-2) <= 0.01, $"dense peak {peakDense}");
        Assert.Equal(smoothDense.Max(), smoothSparse.Max(), 1);
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

    [Fact]
    public void A_hand_worked_curve_gives_every_answer()
    {
        // β = 0: the smoothed loss is the loss. LRs double per point; the last loss (3.0) exceeds 4 × the lowest (0.6).
        double[] lrs = [0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024];
        double[] losses = [2.0, 1.9, 1.7, 1.4, 1.0, 0.7, 0.6, 0.65, 0.9, 1.2, 3.0];
        double[] accuracies = [0.1, 0.2, 0.5, 0.86, 0.865, 0.86, 0.87, 0.865, 0.5, 0.3, 0.1];
        var curve = lrs.Select((lr, i) => new RangeTestPoint(lr, losses[i], accuracies[i])).ToList();

        var report = RangeTestAnalysis.Analyze(curve, new RangeTestAnalysisOptions(Beta: 0));

        Assert.Equal(1.024, report.DivergenceLr);
        // Ten points before divergence; suggestions skip the first tenth (one point) and, with under ten left, no tail:
        // they read 0.002 … 0.512, losses 1.9, 1.7, 1.4, 1.0, 0.7, 0.6, 0.65, 0.9, 1.2.
        Assert.Equal(0.064 / 10, report.Suggestions.Minimum);
        // Largest fall per ln-LR step: 1.4 → 1.0, from 0.008.
        Assert.Equal(0.008, report.Suggestions.Steep);
        // Longest decreasing subsequence: 1.9 … 0.6 (6 points) ending at position 5; start 5 − 6 = −1;
        // −1 + ⌊6/3⌋ + ⌊6/6⌋ = 2, the third point read.
        Assert.Equal(0.008, report.Suggestions.Valley);
        // Fewer than 16 points read: the slide rule has no window and answers the first LR read.
        Assert.Equal(0.002, report.Suggestions.Slide);
        // Accuracy within 0.02 of the peak 0.87 from 0.008 to 0.128: 1.2 decades, so super-convergence is possible.
        Assert.Equal(new SuperConvergenceSignal(true, 0.008, 0.128, 0.87, 0.064), report.SuperConvergence);
        Assert.Equal(losses, report.Points.Select(p => p.SmoothedLoss));

        var withoutAccuracy = RangeTestAnalysis.Analyze(curve.Select(p => p with { Accuracy = null }).ToList(), new RangeTestAnalysisOptions(Beta: 0));
        Assert.Null(withoutAccuracy.SuperConvergence);
        Assert.Equal(report.Recommended, withoutAccuracy.Recommended);
    }

    [Fact]
    public void The_smoothed_loss_is_the_debiased_moving_average()
    {
        // β = 0.5: a_i = a_(i−1)/2 + loss_i/2 and s_i = a_i / (1 − 0.5^(i+1)).
        var report = RangeTestAnalysis.Analyze(Curve(12, lr => 1.0), new RangeTestAnalysisOptions(Beta: 0.5));
        var rising = RangeTestAnalysis.Analyze(
            Enumerable.Range(0, 12).Select(i => new RangeTestPoint(1e-3 * (i + 1), i + 1.0)).ToList(), new RangeTestAnalysisOptions(Beta: 0.5, DivergeFactor: 1e9));

        Assert.All(report.Points, p => Assert.Equal(1.0, p.SmoothedLoss, 14));
        Assert.Equal(1.0, rising.Points[0].SmoothedLoss, 14);
        Assert.Equal(1.25 / 0.75, rising.Points[1].SmoothedLoss, 14);
        Assert.Equal(2.125 / 0.875, rising.Points[2].SmoothedLoss, 14);
    }

    [Fact]
    public void The_slide_suggestion_stops_where_the_gradient_settles()
    {
        // Flat, then a parabola from index 75 (peaking at 3.3, never 4 × the minimum). Kept for suggesting: indices
        // 10 … 94. numpy's gradient is 0 up to 74, 0.002 at 75 and 0.008 at 76; walking left from the end, the window
        // (r, r − 15) first agrees within 0.005 at r = 75, and the suggestion is the left end of the last window that
        // did not: 76 − 15 = 61.
        var curve = Curve(100, _ => 0).Select((p, i) => p with { Loss = 1 + 0.004 * Math.Pow(Math.Max(0, i - 75), 2) }).ToList();

        var report = RangeTestAnalysis.Analyze(curve, new RangeTestAnalysisOptions(Beta: 0));

        Assert.Null(report.DivergenceLr);
        Assert.Equal(curve[61].LearningRate, report.Suggestions.Slide);
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void An_infinite_tail_is_divergence_at_its_first_point(double blownUp)
    {
        var curve = Curve(50, lr => lr < 0.1 ? 2 - 0.1 * Math.Log10(lr / 1e-5) : blownUp);

        var report = RangeTestAnalysis.Analyze(curve);

        Assert.Equal(curve.First(p => !double.IsFinite(p.Loss)).LearningRate, report.DivergenceLr);
        Assert.True(report.Recommended.MaxLr < report.DivergenceLr);
    }

    [Fact]
    public void A_curve_that_blows_up_before_ten_points_is_refused()
    {
        var curve = Curve(20, _ => 1);
        curve[3] = curve[3] with { Loss = double.NaN };

        var error = Assert.Throws<ScheduleSettingException>(() => RangeTestAnalysis.Analyze(curve));

        Assert.Equal("loss", error.Field);
        Assert.Contains("point 4", error.Message);
    }

    [Theory]
    [InlineData(2, double.NaN, "lr")]
    [InlineData(0, 0.0, "lr")]
    [InlineData(0, -1e-3, "lr")]
    public void Impossible_learning_rates_are_refused_naming_the_point(int index, double lr, string field)
    {
        var curve = Curve(20, _ => 1);
        curve[index] = curve[index] with { LearningRate = lr };

        var error = Assert.Throws<ScheduleSettingException>(() => RangeTestAnalysis.Analyze(curve));

        Assert.Equal(field, error.Field);
        Assert.Contains($"at point {index + 1}", error.Message);
    }

    [Fact]
    public void Accuracy_outside_zero_to_one_is_refused()
    {
        var curve = Curve(20, _ => 1, (i, _) => i == 4 ? 1.5 : null);

        Assert.Equal("accuracy", Assert.Throws<ScheduleSettingException>(() => RangeTestAnalysis.Analyze(curve)).Field);
    }

    [Theory]
    [InlineData(1.0, 4.0, "beta: 1 must be in [0, 1)")]
    [InlineData(-0.1, 4.0, "beta: -0.1 must be in [0, 1)")]
    [InlineData(0.98, -4.0, "diverge_factor: -4 must be a finite number > 1")]
    [InlineData(0.98, double.NaN, "diverge_factor: NaN must be a finite number > 1")]
    public void Impossible_knobs_are_refused_with_field_and_value(double beta, double factor, string message)
    {
        var error = Assert.Throws<ScheduleSettingException>(() => RangeTestAnalysis.Analyze(Curve(20, _ => 1), new RangeTestAnalysisOptions(beta, factor)));

        Assert.Equal(message, error.Message);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

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
