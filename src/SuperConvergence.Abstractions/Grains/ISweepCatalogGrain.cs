using SuperConvergence.Abstractions.Sweeps;

namespace SuperConvergence.Abstractions.Grains;

/// <summary>The list of sweeps (key 0), for `sc sweep list` and for waking running sweeps after a restart.</summary>
[Alias("sc.ISweepCatalogGrain")]
public interface ISweepCatalogGrain : IGrainWithIntegerKey
{
    [Alias("Register")]
    Task Register(SweepListing sweep);

    [Alias("UpdateState")]
    Task UpdateState(string sweepId, SweepState state);

    [Alias("List")]
    Task<IReadOnlyList<SweepListing>> List();

    /// <summary>Calls Resume on every running sweep.</summary>
    [Alias("ResumeRunning")]
    Task ResumeRunning();
}
