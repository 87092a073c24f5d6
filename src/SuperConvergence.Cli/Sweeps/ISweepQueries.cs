namespace SuperConvergence.Cli.Sweeps;

/// <summary>
/// What the query commands ask about sweeps and trials, answered by a running cluster or, with none configured, by the
/// store an embedded cluster left in its data directory. The commands format either answer with the same code, so
/// both print the same. A sweep or trial the source does not know is a <see cref="CliException"/> with exit code
/// <see cref="ExitCodes.NotFound"/>, worded for the source.
/// </summary>
internal interface ISweepQueries : IAsyncDisposable
{
    /// <summary>The sweep's status with trials offset+1 … offset+limit (ISweepGrain.GetStatus).</summary>
    Task<SweepStatus> StatusAsync(string sweepId, int offset, int limit);

    /// <summary>The best finished training trials, at most <paramref name="top"/> (ISweepGrain.GetBest).</summary>
    Task<IReadOnlyList<BestTrial>> BestAsync(string sweepId, int top);

    /// <summary>Everything known about one trial (ITrialGrain.Get).</summary>
    Task<TrialView> TrialAsync(string trialId);

    /// <summary>Every sweep, newest first (ISweepCatalogGrain.List).</summary>
    Task<IReadOnlyList<SweepListing>> ListAsync();
}
