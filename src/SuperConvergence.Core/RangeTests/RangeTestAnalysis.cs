using System.Globalization;
using SuperConvergence.Core.Schedules;

namespace SuperConvergence.Core.RangeTests;

/// <summary>
/// Reads a range-test curve the way fastai's lr_find and Smith's papers do:
/// <list type="number">
/// <item>Smoothing: a debiased exponential moving average of the loss, s_i = a_i / (1 − β^(i+1)), a_i = β·a_(i−1) + (1 − β)·loss_i.</item>
/// <item>Divergence: the first LR where the smoothed loss exceeds DivergeFactor × its running minimum, or where the loss
/// is NaN/±∞ (a blown-up tail is divergence, not an error). The suggestions use the curve before it.</item>
/// <item>Suggestions, as fastai defines them, on the smoothed curve before divergence without its first 10 % and last
/// 5 points (fewer when that would leave under 10): minimum = LR at the lowest loss ÷ 10; steep = LR of the steepest
/// descent of loss against log LR; valley = fastai's longest-valley rule (the longest strictly decreasing subsequence
/// of losses, then the point ⌊len/3⌋ + ⌊len/6⌋ into it, computed in O(n log n)); slide = fastai's slide rule (walk
/// left from the end while the loss gradient still changes by more than 0.005 over 15 points).</item>
/// <item>With accuracy: the peak, and the widest contiguous LR interval whose accuracies all stay within
/// AccuracyTolerance of it. Super-convergence is possible when that plateau spans at least PlateauDecades decades.</item>
/// <item>Recommended 1cycle pair: MaxLr = the plateau's upper end with accuracy, else the LR where the smoothed loss
/// stops improving (its minimum), in both cases below divergence; MinLr = the LR where the smoothed loss has
/// started to fall (1 % of its total drop), or MaxLr/25 when that is not below MaxLr.</item>
/// </list>
/// </summary>
public static class RangeTestAnalysis
{
    public const int MinimumPoints = 10;

    public static RangeTestReport Analyze(IReadOnlyList<RangeTestPoint> curve, RangeTestAnalysisOptions? options = null)
    {
        options ??= new RangeTestAnalysisOptions();
        Validate(curve, options);

        // Non-finite losses: everything from the first one on is the blown-up tail.
        var finiteCount = 0;
        while (finiteCount < curve.Count && double.IsFinite(curve[finiteCount].Loss))
        {
            finiteCount++;
        }

        if (finiteCount < MinimumPoints)
        {
            throw new ScheduleSettingException("loss", curve[finiteCount].Loss, $"appears at point {finiteCount + 1}: fewer than {MinimumPoints} usable points before it");
        }

        var points = Smooth(curve, finiteCount, options.Beta);
        var divergenceIndex = DivergenceIndex(points, options.DivergeFactor);
        double? divergenceLr = divergenceIndex is int d ? points[d].LearningRate
            : finiteCount < curve.Count ? curve[finiteCount].LearningRate
            : null;
        var usable = divergenceIndex ?? points.Count;
        if (usable < MinimumPoints)
        {
            throw new ScheduleSettingException("loss", points[usable].Loss, $"diverges at point {usable + 1}: fewer than {MinimumPoints} usable points before it");
        }

        var lrs = new double[usable];
        var losses = new double[usable];
        for (var i = 0; i < usable; i++)
        {
            lrs[i] = points[i].LearningRate;
            losses[i] = points[i].SmoothedLoss;
        }

        var suggestions = Suggest(lrs, losses);
        var signal = SuperConvergenceOf(points, usable, options);
        var recommended = Recommend(lrs, losses, signal);
        return new RangeTestReport(suggestions, divergenceLr, recommended, signal, points);
    }

    private static void Validate(IReadOnlyList<RangeTestPoint> curve, RangeTestAnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(curve);
        options.Validate();
        if (curve.Count < MinimumPoints)
        {
            throw new ScheduleSettingException("points", curve.Count, $"must be at least {MinimumPoints}");
        }

        for (var i = 0; i < curve.Count; i++)
        {
            var lr = curve[i].LearningRate;
            if (!double.IsFinite(lr) || lr <= 0)
            {
                throw new ScheduleSettingException("lr", lr, $"at point {i + 1} must be a finite number > 0");
            }

            if (i > 0 && lr <= curve[i - 1].LearningRate)
            {
                throw new ScheduleSettingException("lr", lr, string.Create(CultureInfo.InvariantCulture, $"at point {i + 1} must be greater than the previous ({curve[i - 1].LearningRate:R})"));
            }

            if (curve[i].Accuracy is double a && (!double.IsFinite(a) || a < 0 || a > 1))
            {
                throw new ScheduleSettingException("accuracy", a, $"at point {i + 1} must be in [0, 1]");
            }
        }
    }

    private static List<SmoothedPoint> Smooth(IReadOnlyList<RangeTestPoint> curve, int count, double beta)
    {
        var points = new List<SmoothedPoint>(count);
        var average = 0.0;
        var debias = 1.0;
        for (var i = 0; i < count; i++)
        {
            average = beta * average + (1 - beta) * curve[i].Loss;
            debias *= beta;
            points.Add(new SmoothedPoint(curve[i].LearningRate, curve[i].Loss, average / (1 - debias), curve[i].Accuracy));
        }

        return points;
    }

    private static int? DivergenceIndex(List<SmoothedPoint> points, double factor)
    {
        var best = double.PositiveInfinity;
        for (var i = 0; i < points.Count; i++)
        {
            var s = points[i].SmoothedLoss;
            if (s > factor * best && best > 0)
            {
                return i;
            }

            best = Math.Min(best, s);
        }

        return null;
    }

    private static LrSuggestions Suggest(double[] allLrs, double[] allLosses)
    {
        // fastai drops the first tenth (the EMA's warm-up) and the last five points before suggesting.
        var skipStart = allLrs.Length / 10;
        var skipEnd = allLrs.Length - skipStart > MinimumPoints ? Math.Min(5, allLrs.Length - skipStart - MinimumPoints) : 0;
        var lrs = allLrs.AsSpan(skipStart, allLrs.Length - skipStart - skipEnd);
        var losses = allLosses.AsSpan(skipStart, allLrs.Length - skipStart - skipEnd);

        var minimum = lrs[IndexOfMinimum(losses)] / 10;

        var steepest = 0;
        var steepestSlope = double.PositiveInfinity;
        for (var i = 0; i < lrs.Length - 1; i++)
        {
            var slope = (losses[i + 1] - losses[i]) / (Math.Log(lrs[i + 1]) - Math.Log(lrs[i]));
            if (slope < steepestSlope)
            {
                (steepest, steepestSlope) = (i, slope);
            }
        }

        return new LrSuggestions(minimum, lrs[steepest], Valley(lrs, losses), Slide(lrs, losses));
    }

    /// <summary>
    /// fastai's valley: lds[i] = length of the longest strictly decreasing subsequence ending at i; the valley ends at
    /// the first index with the longest one and starts lds points before it; the suggestion sits a third plus a sixth
    /// of the way in. Patience sorting gives lds in O(n log n) instead of fastai's O(n²). Where that index is −1 (the
    /// loss never falls, or falls only between the first two points) Python wraps to the last, largest LR; we take
    /// the first, the one that cannot blow the run up.
    /// </summary>
    private static double Valley(ReadOnlySpan<double> lrs, ReadOnlySpan<double> losses)
    {
        var tails = new double[losses.Length];
        var length = 0;
        var maxEnd = 0;
        var maxLength = 1;
        for (var i = 0; i < losses.Length; i++)
        {
            // tails[k] = the largest last loss of a strictly decreasing run of length k + 1 (negated, so it is increasing).
            var value = -losses[i];
            int lo = 0, hi = length;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (tails[mid] < value)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            tails[lo] = value;
            length = Math.Max(length, lo + 1);
            var lds = lo + 1;
            if (lds > maxLength)
            {
                (maxLength, maxEnd) = (lds, i);
            }
        }

        var maxStart = maxEnd - maxLength;
        var sections = (maxEnd - maxStart) / 3.0;
        var index = maxStart + (int)sections + (int)(sections / 2);
        return lrs[Math.Clamp(index, 0, lrs.Length - 1)];
    }

    /// <summary>
    /// fastai's slide rule, with its defaults lr_diff = 15 and thresh = 0.005 on numpy-style gradients (central
    /// differences inside, one-sided at the ends). On a curve shorter than lr_diff + 1 points fastai's indexing fails;
    /// we answer the first LR.
    /// </summary>
    private static double Slide(ReadOnlySpan<double> lrs, ReadOnlySpan<double> losses, int lrDiff = 15, double threshold = 0.005)
    {
        var n = losses.Length;
        var gradient = new double[n];
        gradient[0] = losses[1] - losses[0];
        gradient[n - 1] = losses[n - 1] - losses[n - 2];
        for (var i = 1; i < n - 1; i++)
        {
            gradient[i] = (losses[i + 1] - losses[i - 1]) / 2;
        }

        // Negative indices as in fastai: -1 is the last point.
        var right = -1;
        var left = right - lrDiff;
        var suggestion = lrs[n + Math.Max(left, -n)];
        while (left >= -n && Math.Abs(gradient[n + right] - gradient[n + left]) > threshold)
        {
            suggestion = lrs[n + left];
            right--;
            left--;
        }

        return suggestion;
    }

    private static SuperConvergenceSignal? SuperConvergenceOf(List<SmoothedPoint> points, int usable, RangeTestAnalysisOptions options)
    {
        var measured = points.Take(usable).Where(p => p.Accuracy is not null).ToList();
        if (measured.Count == 0)
        {
            return null;
        }

        var peak = measured.MaxBy(p => p.Accuracy!.Value);
        var threshold = peak.Accuracy!.Value - options.AccuracyTolerance;
        (double Low, double High) widest = (peak.LearningRate, peak.LearningRate);
        var runStart = -1;
        for (var i = 0; i <= measured.Count; i++)
        {
            var inside = i < measured.Count && measured[i].Accuracy >= threshold;
            if (inside && runStart < 0)
            {
                runStart = i;
            }
            else if (!inside && runStart >= 0)
            {
                var candidate = (measured[runStart].LearningRate, measured[i - 1].LearningRate);
                if (Math.Log10(candidate.Item2 / candidate.Item1) > Math.Log10(widest.High / widest.Low))
                {
                    widest = candidate;
                }

                runStart = -1;
            }
        }

        var possible = Math.Log10(widest.High / widest.Low) >= options.PlateauDecades;
        return new SuperConvergenceSignal(possible, widest.Low, widest.High, peak.Accuracy.Value, peak.LearningRate);
    }

    private static LrBounds Recommend(double[] lrs, double[] losses, SuperConvergenceSignal? signal)
    {
        var lowest = IndexOfMinimum(losses);
        var maxLr = signal is not null ? signal.PlateauHigh : lrs[lowest];
        var drop = losses[0] - losses[lowest];
        var falling = 0;
        while (falling < lowest && losses[0] - losses[falling] < 0.01 * drop)
        {
            falling++;
        }

        return LrBounds.Below(maxLr, lrs[falling]);
    }

    private static int IndexOfMinimum(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] < values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
