namespace SuperConvergence.Grains.Hosting;

/// <summary>
/// On a coordinator silo becoming active, decides the fate of the sweeps that were running when the cluster last
/// stopped: a cluster's coordinator wakes them (a restart must not stop a sweep); where
/// <see cref="SweepClusterOptions.ResumeRunningSweepsOnStart"/> is false (an embedded `sc sweep run`, whose previous
/// process was killed) each is interrupted instead — its work leaves the queue — before any worker slot starts
/// (<see cref="WorkerSlotsService"/> starts a stage later), so nothing of it runs until it is resumed on purpose.
/// </summary>
public sealed class SweepResumeService(IGrainFactory grains, IOptions<SweepClusterOptions> options) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SweepResumeService), ServiceLifecycleStage.Active, StartAsync, _ => Task.CompletedTask);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var catalog = grains.GetGrain<ISweepCatalogGrain>(0);
        if (options.Value.ResumeRunningSweepsOnStart)
        {
            await catalog.ResumeRunning();
            return;
        }

        // From here, not from the catalog grain: each sweep reports its new state back to the catalog.
        foreach (var sweep in (await catalog.List()).Where(s => s.State == SweepState.Running))
        {
            await grains.GetGrain<ISweepGrain>(sweep.SweepId).Interrupt();
        }
    }
}
