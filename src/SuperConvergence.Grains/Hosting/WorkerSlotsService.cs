using Microsoft.Extensions.Options;
using SuperConvergence.Abstractions.Grains;

namespace SuperConvergence.Grains.Hosting;

/// <summary>
/// On a worker silo, activates one worker grain per slot once the silo is active. They are placed here because the
/// call comes from here (prefer-local placement) and their keys name this silo.
/// </summary>
public sealed class WorkerSlotsService(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IOptions<WorkerSlotsOptions> options) : ILifecycleParticipant<ISiloLifecycle>
{
    public static string WorkerId(string siloName, int slot) => $"{siloName}/{slot}";

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(WorkerSlotsService), ServiceLifecycleStage.Active, StartSlotsAsync, _ => Task.CompletedTask);

    private async Task StartSlotsAsync(CancellationToken cancellationToken)
    {
        for (var slot = 0; slot < options.Value.Slots; slot++)
        {
            await grains.GetGrain<IWorkerGrain>(WorkerId(silo.Name, slot)).Start();
        }
    }
}
