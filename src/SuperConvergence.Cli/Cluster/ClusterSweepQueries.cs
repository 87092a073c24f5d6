using SuperConvergence.Cli.Commands;

namespace SuperConvergence.Cli.Cluster;

/// <summary>The query commands' questions, asked of a running cluster's grains.</summary>
internal sealed class ClusterSweepQueries(ClusterConnection connection) : ISweepQueries
{
    private IClusterClient Grains => connection.Client;

    public Task<SweepStatus> StatusAsync(string sweepId, int offset, int limit) =>
        SweepCommand.Ask(sweepId, id => Grains.GetGrain<ISweepGrain>(id).GetStatus(offset, limit));

    public Task<IReadOnlyList<BestTrial>> BestAsync(string sweepId, int top) =>
        SweepCommand.Ask(sweepId, id => Grains.GetGrain<ISweepGrain>(id).GetBest(top));

    public async Task<TrialView> TrialAsync(string trialId)
    {
        // A trial grain answers for any key; one that was never created has no definition.
        var view = await Grains.GetGrain<ITrialGrain>(trialId).Get();
        return view.Definition is not null
            ? view
            : throw new CliException($"trial '{trialId}' not found", ExitCodes.NotFound, "sc sweep status ID lists a sweep's trials");
    }

    public Task<IReadOnlyList<SweepListing>> ListAsync() => Grains.GetGrain<ISweepCatalogGrain>(0).List();

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
