namespace SuperConvergence.Cli.Reports;

/// <summary>
/// What Core's analysis suggests from the sweep's range-test curves alone: each curve's recommended 1cycle pair,
/// log-median aggregated over the curves, as `sc rangetest analyze` would answer. Set beside the bounds the sweep chose,
/// it shows how far the coordinator's reading moved from the plain suggestion.
/// </summary>
public static class RangeTestSuggestion
{
    /// <summary>The suggested pair, or null when no curve can be read (none finished, or each diverged at once).</summary>
    public static LrBounds? Of(IEnumerable<TrialView> rangeTests)
    {
        var reports = rangeTests.Select(Read).OfType<RangeTestReport>().ToList();
        return reports.Count == 0 ? null : RangeTestAggregation.Aggregate(reports).Recommended;
    }

    /// <summary>Core's analysis of one range test's curve; null when it has none or it blew up within its first points.</summary>
    public static RangeTestReport? Read(TrialView rangeTest)
    {
        if (rangeTest.Curve is not { Count: >= RangeTestAnalysis.MinimumPoints } curve)
        {
            return null;
        }

        try
        {
            return RangeTestAnalysis.Analyze(curve);
        }
        catch (ScheduleSettingException)
        {
            // A curve that blew up within its first points suggests nothing; the others still do.
            return null;
        }
    }

    /// <summary>The log-median of the range tests' Hessian-free estimates; null when none made one.</summary>
    public static double? HessianFree(IEnumerable<TrialView> rangeTests)
    {
        var estimates = rangeTests.Select(t => t.Hessian?.LearningRate).OfType<double>().ToList();
        return estimates.Count == 0 ? null : RangeTestAggregation.LogMedian(estimates);
    }
}
