using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Schedules;

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
        var reports = new List<RangeTestReport>();
        foreach (var curve in rangeTests.Select(t => t.Curve).OfType<IReadOnlyList<RangeTestPoint>>())
        {
            if (curve.Count < RangeTestAnalysis.MinimumPoints)
            {
                continue;
            }

            try
            {
                reports.Add(RangeTestAnalysis.Analyze(curve));
            }
            catch (ScheduleSettingException)
            {
                // A curve that blew up within its first points suggests nothing; the others still do.
            }
        }

        return reports.Count == 0 ? null : RangeTestAggregation.Aggregate(reports).Recommended;
    }
}
