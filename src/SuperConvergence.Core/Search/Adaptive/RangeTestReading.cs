using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Schedules;
using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Search.Adaptive;

/// <summary>
/// A cell's range tests read together (Core's analysis of each curve, then its robust aggregation: log-medians, so
/// one noisy seed cannot move the result) into the max-LR interval worth training in:
/// <list type="bullet">
/// <item>Upper bound: the aggregated divergence LR — the loss explodes there, nothing above it can train. With no
/// divergence inside the tested range, the highest LR the curves reached.</item>
/// <item>Lower bound: a decade below the recommended max LR (the accuracy plateau's upper end, or the loss minimum). The
/// recommendation comes from a short run at a ramping LR; a 1cycle run's best max LR lies within about a decade
/// below it or between it and divergence, so the rounds search that span.</item>
/// <item>Super-convergence: when most curves show accuracy staying near its peak over a wide LR interval.</item>
/// </list>
/// A curve the analysis cannot read (it diverged within its first points) says the cell cannot train at the tested
/// LRs; when no curve is readable the cell gets no bounds.
/// </summary>
internal sealed class RangeTestReading(RangeTestAnalysisOptions? options = null) : IRangeTestReading
{
    /// <summary>How far below the recommended max LR the search starts, in decades.</summary>
    public const double DecadesBelowRecommended = 1.0;

    public CellEstimate Read(IReadOnlyList<IReadOnlyList<RangeTestPoint>> curves)
    {
        var reports = new List<RangeTestReport>(curves.Count);
        foreach (var curve in curves)
        {
            if (curve.Count < RangeTestAnalysis.MinimumPoints)
            {
                continue;
            }

            try
            {
                reports.Add(RangeTestAnalysis.Analyze(curve, options));
            }
            catch (ScheduleSettingException)
            {
                // Too few usable points before the loss blew up: this curve bounds nothing.
            }
        }

        if (reports.Count == 0)
        {
            return new CellEstimate(null, SuperConvergence: false);
        }

        var aggregate = RangeTestAggregation.Aggregate(reports);
        var highestTested = curves.Max(curve => curve.Count == 0 ? 0 : curve[^1].LearningRate);
        var upper = aggregate.DivergenceLr ?? highestTested;
        var lower = Math.Min(aggregate.Recommended.MaxLr, upper) / Math.Pow(10, DecadesBelowRecommended);
        return new CellEstimate(new LrRange(lower, upper), aggregate.SuperConvergencePossible);
    }
}
