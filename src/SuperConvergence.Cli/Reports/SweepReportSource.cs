using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;

namespace SuperConvergence.Cli.Reports;

/// <summary>Gathers a report's data from the cluster: paged trials, then the few full trial views the plots need.</summary>
public static class SweepReportSource
{
    public const int TopTrials = 5;

    public static async Task<SweepReportData> ReadAsync(IGrainFactory grains, string sweepId, CancellationToken cancellationToken)
    {
        const int page = 1000;
        var sweep = grains.GetGrain<ISweepGrain>(sweepId);
        var status = await sweep.GetStatus(0, 0);
        var trials = new List<TrialSummary>(status.TotalTrials);
        for (var offset = 0; offset < status.TotalTrials; offset += page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            trials.AddRange((await sweep.GetStatus(offset, page)).Trials);
        }

        var best = await sweep.GetBest(20);
        var rangeTests = await Task.WhenAll(trials.Where(t => t.Kind == TrialKind.RangeTest && t.State == TrialState.Completed)
            .Select(t => grains.GetGrain<ITrialGrain>(t.TrialId).Get()));
        var histories = await Task.WhenAll(best.Take(TopTrials).Select(b => grains.GetGrain<ITrialGrain>(b.TrialId).Get()));
        return new SweepReportData(status, trials, rangeTests, best, histories);
    }
}
