namespace SuperConvergence.Core.RangeTests;

/// <summary>
/// Reads a range-test curve (docs/range-test.md gives every rule and the measurements behind each default):
/// <list type="number">
/// <item>Lag-free smoothing: <see cref="LagFreeSmoother"/>, zero-phase, its width in decades of LR, so a curve means
/// the same at any test length. The divergence point, the loss floor, the recommendation and the signal are read off it.</item>
/// <item>Divergence: the first LR where the lag-free loss (smoothed over a quarter of the width: a blow-up is abrupt)
/// exceeds DivergeFactor × its minimum so far, where a raw loss exceeds 16 × that minimum, or where the loss is NaN/±∞
/// (a blown-up tail is divergence, not an error).</item>
/// <item>The floor: from the first LR where the lag-free loss comes within FloorShare of its total fall above its
/// minimum, to the last LR where it still is. Recommended MaxLr is the floor's top ÷ FloorTopDivisor; MinLr is where the
/// lag-free loss has started to fall (1 % of its total drop), or MaxLr/25 when that is not below MaxLr.</item>
/// <item>Signal: the lag-free loss must fall by at least SignalDrop of where it started, else the curve carries none
/// (the test was too short, or its LRs too small, for the network to learn) and says why.</item>
/// <item>fastai's four suggestions, exactly as fastai computes them — on its debiased moving average (β), before its own
/// divergence stop (that average above DivergeFactor × its running minimum), without the first 10 % and last 5 points:
/// minimum = LR at the lowest loss ÷ 10; steep = steepest descent against log LR; valley = the longest-valley rule
/// (O(n log n)); slide = the slide rule. They are reported for parity, not used: the moving average lags.</item>
/// <item>With accuracy: the peak, and the widest contiguous LR interval (before divergence) whose accuracies all stay
/// within AccuracyTolerance of it. Super-convergence is possible when that plateau spans at least PlateauDecades.</item>
/// </list>
/// </summary>
public static class RangeTestAnalysis
{
    public const int MinimumPoints = 10;

    /// <summary>The share of its total fall the loss must have dropped for the cycle's MinLr to say "it has started to fall".</summary>
    private const double StartedFalling = 0.01;

    /// <summary>The divergence check smooths over this share of SmoothingDecades.</summary>
    public const double DivergenceWidthShare = 0.25;

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

        var lrs = new double[finiteCount];
        var losses = new double[finiteCount];
        for (var i = 0; i < finiteCount; i++)
        {
            (lrs[i], losses[i]) = (curve[i].LearningRate, curve[i].Loss);
        }

        var lagFree = LagFreeSmoother.Smooth(lrs, losses, options.SmoothingDecades);
        // Divergence is read with a quarter of the width: a blow-up is abrupt, and the run stops a few points into
        // it, too few for the full width to register them.
        var divergenceIndex = LagFreeDivergenceIndex(
            LagFreeSmoother.Smooth(lrs, losses, options.SmoothingDecades * DivergenceWidthShare), losses, options.DivergeFactor);
        double? divergenceLr = divergenceIndex is int d ? lrs[d]
            : finiteCount < curve.Count ? curve[finiteCount].LearningRate
            : null;
        var usable = divergenceIndex ?? finiteCount;
        if (usable < MinimumPoints)
        {
            throw new ScheduleSettingException("loss", losses[usable], $"diverges at point {usable + 1}: fewer than {MinimumPoints} usable points before it");
        }

        var movingAverage = MovingAverage(losses, options.Beta);
        var points = new List<SmoothedPoint>(finiteCount);
        for (var i = 0; i < finiteCount; i++)
        {
            points.Add(new SmoothedPoint(lrs[i], losses[i], movingAverage[i], curve[i].Accuracy, lagFree[i]));
        }

        // fastai stops where its moving average diverges; its suggestions read the curve up to there.
        var fastaiUsable = Math.Max(DivergenceIndex(movingAverage, options.DivergeFactor) ?? finiteCount, MinimumPoints);
        var suggestions = Suggest(lrs.AsSpan(0, fastaiUsable), movingAverage.AsSpan(0, fastaiUsable));

        var band = lagFree.AsSpan(0, usable);
        var lowest = IndexOfMinimum(band);
        var top = Max(band[..(lowest + 1)]);
        // A floor that runs to the last LR of a test that neither diverged nor blew up has no top the test could see.
        var ranToEnd = divergenceIndex is null && finiteCount == curve.Count;
        var floor = FloorAround(lrs, band, lowest, top, options.FloorShare, ranToEnd);
        var signal = SignalOf(band[lowest] / top, divergenceIndex is not null || finiteCount < curve.Count, options.SignalDrop);
        var recommended = LrBounds.Below(floor.High / options.FloorTopDivisor, lrs[StartsFalling(band, lowest)]);
        var superConvergence = SuperConvergenceOf(points, usable, options);
        return new RangeTestReport(suggestions, divergenceLr, recommended, superConvergence, points, floor, signal);
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

    /// <summary>fastai's debiased exponential moving average: a_i = β·a_(i−1) + (1 − β)·loss_i, s_i = a_i / (1 − β^(i+1)).</summary>
    private static double[] MovingAverage(double[] losses, double beta)
    {
        var smoothed = new double[losses.Length];
        var average = 0.0;
        var debias = 1.0;
        for (var i = 0; i < losses.Length; i++)
        {
            average = beta * average + (1 - beta) * losses[i];
            debias *= beta;
            smoothed[i] = average / (1 - debias);
        }

        return smoothed;
    }

    /// <summary>The first index whose smoothed loss exceeds <paramref name="factor"/> × the lowest before it; null when none does.</summary>
    private static int? DivergenceIndex(double[] smoothed, double factor)
    {
        var best = double.PositiveInfinity;
        for (var i = 0; i < smoothed.Length; i++)
        {
            var s = smoothed[i];
            if (s > factor * best && best > 0)
            {
                return i;
            }

            best = Math.Min(best, s);
        }

        return null;
    }

    /// <summary>
    /// Divergence on the lag-free curve: the first index whose smoothed loss exceeds <paramref name="factor"/> × the
    /// lowest before it, or whose raw loss has blown up past <see cref="LagFreeSmoother.CapFactor"/> × that lowest (a
    /// curve that ends a few points into an explosion, as a run stopped there does, is diverged too, though smoothing
    /// would spread those few points thin).
    /// </summary>
    private static int? LagFreeDivergenceIndex(double[] smoothed, double[] losses, double factor)
    {
        var best = double.PositiveInfinity;
        for (var i = 0; i < smoothed.Length; i++)
        {
            if (best > 0 && (smoothed[i] > factor * best || losses[i] > LagFreeSmoother.CapFactor * best))
            {
                return i;
            }

            best = Math.Min(best, smoothed[i]);
        }

        return null;
    }

    /// <summary>
    /// The floor: from the first LR where the loss comes within <paramref name="share"/> of its fall (from
    /// <paramref name="top"/>, the highest loss before the minimum at <paramref name="lowest"/>) above the minimum, to
    /// the last LR where it still is. Not
    /// just the run around the minimum: a range test's high-LR floor is bumpy (one bad batch at LR 0.4, the minimum
    /// at 1.6), and where the loss first settles and where it finally leaves are what a bumpy floor cannot move.
    /// When the floor runs to the last point of a test that ran to its end LR, it reaches the end: no top was seen.
    /// </summary>
    private static LossFloor FloorAround(double[] lrs, ReadOnlySpan<double> losses, int lowest, double top, double share, bool ranToEnd)
    {
        var ceiling = losses[lowest] + share * (top - losses[lowest]);
        var low = 0;
        while (losses[low] > ceiling)
        {
            low++;
        }

        var high = losses.Length - 1;
        while (losses[high] > ceiling)
        {
            high--;
        }

        return new LossFloor(lrs[low], lrs[high], lrs[lowest], ranToEnd && high == losses.Length - 1);
    }

    /// <summary>Signal from how far the loss fell: <paramref name="remaining"/> is the minimum over the highest loss before it.</summary>
    private static CurveSignal SignalOf(double remaining, bool diverged, double least)
    {
        var drop = 1 - remaining;
        return drop >= least
            ? new CurveSignal(true, drop, null)
            : new CurveSignal(false, drop, string.Create(
                CultureInfo.InvariantCulture,
                $"the smoothed loss fell only {drop:P1} before {(diverged ? "diverging" : "the test ended")}; a curve carries signal when it falls at least {least:P0} (run the test longer, or start its ramp higher)"));
    }

    /// <summary>The first index where the loss has dropped 1 % of its total fall from the start to the minimum.</summary>
    private static int StartsFalling(ReadOnlySpan<double> losses, int lowest)
    {
        var drop = losses[0] - losses[lowest];
        var falling = 0;
        while (falling < lowest && losses[0] - losses[falling] < StartedFalling * drop)
        {
            falling++;
        }

        return falling;
    }

    private static LrSuggestions Suggest(ReadOnlySpan<double> allLrs, ReadOnlySpan<double> allLosses)
    {
        // fastai drops the first tenth (the EMA's warm-up) and the last five points before suggesting.
        var skipStart = allLrs.Length / 10;
        var skipEnd = allLrs.Length - skipStart > MinimumPoints ? Math.Min(5, allLrs.Length - skipStart - MinimumPoints) : 0;
        var lrs = allLrs.Slice(skipStart, allLrs.Length - skipStart - skipEnd);
        var losses = allLosses.Slice(skipStart, allLrs.Length - skipStart - skipEnd);

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

    private static double Max(ReadOnlySpan<double> values)
    {
        var max = values[0];
        foreach (var value in values)
        {
            max = Math.Max(max, value);
        }

        return max;
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
