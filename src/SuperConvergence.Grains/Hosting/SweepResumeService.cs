using Microsoft.Extensions.Hosting;
using SuperConvergence.Abstractions.Grains;

namespace SuperConvergence.Grains.Hosting;

/// <summary>On a coordinator silo's start, wakes the sweeps that were running when the cluster last stopped.</summary>
public sealed class SweepResumeService(IGrainFactory grains) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => grains.GetGrain<ISweepCatalogGrain>(0).ResumeRunning();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
