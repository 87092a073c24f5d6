namespace SuperConvergence.Core.Search.Adaptive;

/// <summary>
/// A cell's range tests read together (Core's lag-free analysis of each curve, then its robust aggregation: log-medians,
/// so one noisy seed cannot move the result) into the max-LR interval worth training in: from FloorTopDivisor below
/// the recommended max LR up to the top of the loss floor (where the loss starts to climb; below divergence), so the
/// recommendation is the interval's log-centre (docs/range-test-evidence.md measures where the best 1cycle max LR lies). When most curves carry no signal (the loss never
/// fell enough), the cell gets no bounds from them, with the reason, and the search uses the spec's interval for it.
/// A curve the analysis cannot read (it diverged within its first points) says the cell cannot train at the tested
/// LRs; when no curve is readable the cell gets no bounds.
/// </summary>
internal sealed class RangeTestReading(RangeTestAnalysisOptions? options = null) : IRangeTestReading
{
    private double Divisor => (options ?? new RangeTestAnalysisOptions()).FloorTopDivisor;

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
        if (!aggregate.HasSignal)
        {
            return new CellEstimate(null, SuperConvergence: false, NoSignal: string.Create(
                CultureInfo.InvariantCulture, $"{aggregate.Curves - aggregate.CurvesWithSignal} of {aggregate.Curves} range tests carry no signal: {aggregate.NoSignalReason}"));
        }

        // The recommendation sits a FloorTopDivisor below the floor's top; the rounds search as far again below it, so
        // it is the interval's log-centre.
        if (aggregate.Floor.ReachesEnd)
        {
            // The loss was still on its floor at the tests' last LR: the good LRs start about where a recommendation
            // would, but where they end is unknown, so the top is left to the spec's interval.
            return new CellEstimate(
                new LrRange(aggregate.Recommended.MaxLr / Divisor, double.PositiveInfinity),
                aggregate.SuperConvergencePossible,
                OpenTop: string.Create(CultureInfo.InvariantCulture, $"the loss never climbed up to the range tests' last LR ({aggregate.Floor.High:G3}), so the top is the spec's"));
        }

        var upper = Math.Min(aggregate.Floor.High, aggregate.DivergenceLr ?? double.PositiveInfinity);
        var lower = Math.Min(aggregate.Recommended.MaxLr / Divisor, upper);
        return new CellEstimate(new LrRange(lower, upper), aggregate.SuperConvergencePossible);
    }
}
