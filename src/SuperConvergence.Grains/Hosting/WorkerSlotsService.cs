using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SuperConvergence.Abstractions.Grains;

namespace SuperConvergence.Grains.Hosting;

/// <summary>
/// On a worker silo, activates one worker grain per slot once the silo is up. They are placed here because the
/// call comes from here (prefer-local placement) and their keys name this silo.
/// </summary>
public sealed class WorkerSlotsService(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IOptions<WorkerSlotsOptions> options) : IHostedService
{
    public static string WorkerId(string siloName, int slot) => $"{siloName}/{slot}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var slot = 0; slot < options.Value.Slots; slot++)
        {
            await grains.GetGrain<IWorkerGrain>(WorkerId(silo.Name, slot)).Start();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
