using SuperConvergence.Abstractions.Grains;

namespace SuperConvergence.Grains.Hosting;

/// <summary>On a coordinator silo becoming active, wakes the sweeps that were running when the cluster last stopped.</summary>
public sealed class SweepResumeService(IGrainFactory grains) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SweepResumeService), ServiceLifecycleStage.Active, _ => grains.GetGrain<ISweepCatalogGrain>(0).ResumeRunning(), _ => Task.CompletedTask);
}
