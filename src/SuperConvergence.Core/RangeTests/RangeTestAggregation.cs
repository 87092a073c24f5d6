namespace SuperConvergence.Core.RangeTests;

/// <summary>
/// Several curves of one setting (seeds, workers) read as one: bounds are medians in log-LR space, so that with three
/// or more curves no single noisy run moves them; Spread is the median absolute deviation, in decades, telling how much
/// the curves disagree. Super-convergence counts as possible when most curves show it.
/// </summary>
public sealed record AggregatedRangeTest(
    LrBounds Recommended,
    LrSpread Spread,
    double? DivergenceLr,
    bool SuperConvergencePossible,
    double? PlateauLow,
    double? PlateauHigh,
    int Curves);

/// <summary>How far apart the curves' recommendations are: median absolute deviation of log10 LR, in decades.</summary>
public sealed record LrSpread(double MinLrDecades, double MaxLrDecades);

public static class RangeTestAggregation
{
    public static AggregatedRangeTest Aggregate(IReadOnlyList<RangeTestReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0)
        {
            throw new ArgumentException("reports: at least one range-test report is needed", nameof(reports));
        }

        var maxLr = LogMedian(reports.Select(r => r.Recommended.MaxLr));
        var minLr = Math.Min(LogMedian(reports.Select(r => r.Recommended.MinLr)), maxLr / 25);
        var divergences = reports.Where(r => r.DivergenceLr is not null).Select(r => r.DivergenceLr!.Value).ToList();
        var signals = reports.Where(r => r.SuperConvergence is not null).Select(r => r.SuperConvergence!).ToList();
        return new AggregatedRangeTest(
            new LrBounds(minLr, maxLr),
            new LrSpread(LogMad(reports.Select(r => r.Recommended.MinLr)), LogMad(reports.Select(r => r.Recommended.MaxLr))),
            // Most curves diverged: their median LR; otherwise no divergence was seen within the tested range.
            divergences.Count * 2 > reports.Count ? LogMedian(divergences) : null,
            signals.Count(s => s.Possible) * 2 > reports.Count,
            signals.Count > 0 ? LogMedian(signals.Select(s => s.PlateauLow)) : null,
            signals.Count > 0 ? LogMedian(signals.Select(s => s.PlateauHigh)) : null,
            reports.Count);
    }

    public static double LogMedian(IEnumerable<double> values) => Math.Pow(10, Median(values.Select(Math.Log10).ToList()));

    private static double LogMad(IEnumerable<double> values)
    {
        var logs = values.Select(Math.Log10).ToList();
        var median = Median(logs);
        return Median(logs.Select(l => Math.Abs(l - median)).ToList());
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
