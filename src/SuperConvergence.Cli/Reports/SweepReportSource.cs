using SuperConvergence.Core.Search;

namespace SuperConvergence.Cli.Reports;

/// <summary>
/// Gathers a report's data from a cluster or a data directory's store: paged trials, then the few full trial views the
/// plots need.
/// </summary>
internal static class SweepReportSource
{
    public const int TopTrials = 5;

    public static async Task<SweepReportData> ReadAsync(ISweepQueries queries, string sweepId, CancellationToken cancellationToken)
    {
        const int page = 1000;
        var status = await queries.StatusAsync(sweepId, 0, 0);
        var trials = new List<TrialSummary>(status.TotalTrials);
        for (var offset = 0; offset < status.TotalTrials; offset += page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            trials.AddRange((await queries.StatusAsync(sweepId, offset, page)).Trials);
        }

        var best = await queries.BestAsync(sweepId, 20);
        var rangeTests = await Task.WhenAll(trials.Where(t => t.Kind == TrialKind.RangeTest && t.State == TrialState.Completed)
            .Select(t => queries.TrialAsync(t.TrialId)));
        var histories = await Task.WhenAll(best.Take(TopTrials).Select(b => queries.TrialAsync(b.TrialId)));
        return new SweepReportData(status, trials, rangeTests, best, histories);
    }
}
