namespace SuperConvergence.Core.RangeTests;

/// <summary>
/// Several curves of one setting (seeds, workers) read as one. Every LR is a median in log-LR space, so with three or
/// more curves no single noisy run moves it (with two, the median is their geometric mean); Spread is the median
/// absolute deviation, in decades, telling how much the curves disagree.
/// </summary>
/// <param name="Recommended">Median MaxLr; median MinLr, or MaxLr/25 when that median is not below MaxLr.</param>
/// <param name="Suggestions">Each of fastai's suggestions, its median over the curves.</param>
/// <param name="DivergenceLr">The median divergence LR when most curves diverged; null when most did not.</param>
/// <param name="SuperConvergencePossible">True when most curves with accuracy signal it.</param>
/// <param name="PlateauLow">Median low end of the accuracy plateaus; null when no curve measured accuracy.</param>
/// <param name="PlateauHigh">Median high end of the accuracy plateaus; null when no curve measured accuracy.</param>
/// <param name="Curves">How many curves were combined.</param>
/// <param name="Floor">The loss floor's ends and minimum, each the median of the curves'; it reaches the end when most curves' floors do.</param>
/// <param name="CurvesWithSignal">How many curves carry signal; fewer than most says the setting's tests were too short.</param>
/// <param name="NoSignalReason">Why, when most curves carry no signal (the first such curve's reason); null otherwise.</param>
public sealed record AggregatedRangeTest(
    LrBounds Recommended,
    LrSpread Spread,
    LrSuggestions Suggestions,
    double? DivergenceLr,
    bool SuperConvergencePossible,
    double? PlateauLow,
    double? PlateauHigh,
    int Curves,
    LossFloor Floor,
    int CurvesWithSignal,
    string? NoSignalReason)
{
    /// <summary>Most curves carry signal: the recommendation and the floor mean something.</summary>
    public bool HasSignal => NoSignalReason is null;
}

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

        var minLrs = reports.Select(r => r.Recommended.MinLr).ToList();
        var maxLrs = reports.Select(r => r.Recommended.MaxLr).ToList();
        var divergences = reports.Where(r => r.DivergenceLr is not null).Select(r => r.DivergenceLr!.Value).ToList();
        var signals = reports.Where(r => r.SuperConvergence is not null).Select(r => r.SuperConvergence!).ToList();
        return new AggregatedRangeTest(
            LrBounds.Below(LogMedian(maxLrs), LogMedian(minLrs)),
            new LrSpread(LogMad(minLrs), LogMad(maxLrs)),
            new LrSuggestions(
                LogMedian(reports.Select(r => r.Suggestions.Minimum)),
                LogMedian(reports.Select(r => r.Suggestions.Steep)),
                LogMedian(reports.Select(r => r.Suggestions.Valley)),
                LogMedian(reports.Select(r => r.Suggestions.Slide))),
            // A minority of diverged curves says the range was noisy there, not that the setting cannot train there.
            IsMajority(divergences.Count, reports.Count) ? LogMedian(divergences) : null,
            IsMajority(signals.Count(s => s.Possible), signals.Count),
            signals.Count > 0 ? LogMedian(signals.Select(s => s.PlateauLow)) : null,
            signals.Count > 0 ? LogMedian(signals.Select(s => s.PlateauHigh)) : null,
            reports.Count,
            new LossFloor(
                LogMedian(reports.Select(r => r.Floor.Low)),
                LogMedian(reports.Select(r => r.Floor.High)),
                LogMedian(reports.Select(r => r.Floor.MinimumLr)),
                IsMajority(reports.Count(r => r.Floor.ReachesEnd), reports.Count)),
            reports.Count(r => r.Signal.Usable),
            IsMajority(reports.Count(r => r.Signal.Usable), reports.Count) ? null : reports.First(r => !r.Signal.Usable).Signal.Reason);
    }

    /// <summary>The median of <paramref name="values"/> taken on log10, returned as an LR.</summary>
    public static double LogMedian(IEnumerable<double> values) => Math.Pow(10, Median(values.Select(Math.Log10).ToList()));

    private static bool IsMajority(int count, int of) => count * 2 > of;

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
