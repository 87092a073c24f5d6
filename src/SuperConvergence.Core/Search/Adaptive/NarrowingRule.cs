namespace SuperConvergence.Core.Search.Adaptive;

/// <summary>
/// The next round's max-LR interval from this round's results: the log-span of the round's best trials (its top third,
/// and any other trial within the accuracy tolerance of the best), widened a little on each side, never narrower than
/// a share of the current span (one noisy round must not collapse it), never wider than the current span (the bounds
/// move but do not grow), and inside <c>outer</c> — the active cells'
/// ranges — so best trials at an edge can move the interval past it by the widening margin. Narrowing thus only goes
/// as far as the accuracies can tell LRs apart: inside a flat optimum the interval stays about as wide as the flat
/// part. A round in which nothing completed keeps only the lower half of the interval: everything diverged or
/// failed, so the LR is too high.
/// </summary>
internal static class NarrowingRule
{
    public static LrRange Next(LrRange interval, LrRange outer, IReadOnlyList<RoundResult> results, AdaptiveOptions options)
    {
        var best = BestTrials(results, options);
        if (best.Count == 0)
        {
            return new LrRange(interval.Min, LogScale.Centre(interval));
        }

        var around = new LrRange(best.Min(result => result.MaxLr), best.Max(result => result.MaxLr));
        var span = LogScale.Decades(interval);
        var margin = Math.Max(LogScale.Decades(around) * options.WidenShare, options.MinWidenDecades);

        // Successive narrowing: the bounds may move (best trials at an edge carry them past it), never grow. Best
        // trials spread over the whole interval get no margin; spread wider still (drawn from cells' own ranges
        // outside it), the interval's span is centred on the best of them.
        margin = Math.Min(margin, Math.Max(0, (span - LogScale.Decades(around)) / 2));
        var widened = LogScale.Decades(around) <= span
            ? LogScale.Widen(around, margin)
            : new LrRange(best[0].MaxLr / Math.Pow(10, span / 2), best[0].MaxLr * Math.Pow(10, span / 2));
        var keep = options.MinKeepShare * span;
        if (LogScale.Decades(widened) < keep)
        {
            var half = Math.Pow(10, keep / 2);
            var centre = LogScale.Centre(widened);
            widened = new LrRange(centre / half, centre * half);
        }

        return FitInside(widened, outer);
    }

    /// <summary>
    /// The round's best trials, best first: its top share of completed trials (at least two), and beyond those every
    /// trial within AccuracyTolerance of the best — differences that small are noise, so the bounds must keep them.
    /// </summary>
    public static IReadOnlyList<RoundResult> BestTrials(IReadOnlyList<RoundResult> results, AdaptiveOptions options)
    {
        var completed = results
            .Where(result => result.Accuracy is not null)
            .OrderByDescending(result => result.Accuracy)
            .ThenBy(result => result.MaxLr)
            .ToArray();
        if (completed.Length == 0)
        {
            return [];
        }

        var count = Math.Clamp((int)Math.Ceiling(completed.Length * options.TopShare), Math.Min(2, completed.Length), completed.Length);
        var floor = completed[0].Accuracy!.Value - options.AccuracyTolerance;
        while (count < completed.Length && completed[count].Accuracy >= floor)
        {
            count++;
        }

        return completed[..count];
    }

    /// <summary>Moves <paramref name="range"/> into <paramref name="outer"/> keeping its width where it fits.</summary>
    internal static LrRange FitInside(LrRange range, LrRange outer)
    {
        if (LogScale.Decades(range) >= LogScale.Decades(outer))
        {
            return outer;
        }

        var shift = range.Min < outer.Min ? outer.Min / range.Min : range.Max > outer.Max ? outer.Max / range.Max : 1;
        return new LrRange(Math.Max(outer.Min, range.Min * shift), Math.Min(outer.Max, range.Max * shift));
    }
}
