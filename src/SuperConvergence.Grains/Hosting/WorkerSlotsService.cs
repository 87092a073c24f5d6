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

    /// <summary>
    /// A stage after <see cref="SweepResumeService"/>: the sweeps a killed embedded run left behind are interrupted
    /// (their work taken off the queue) before any slot can take that work.
    /// </summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(WorkerSlotsService), ServiceLifecycleStage.Active + 1, StartSlotsAsync, StopSlotsAsync);

    /// <summary>
    /// Slots end with their silo: deactivated before shutdown, they are not offered for migration to another silo
    /// (which would refuse them anyway). Their leases expire and their trials resume elsewhere.
    /// </summary>
    private async Task StopSlotsAsync(CancellationToken cancellationToken)
    {
        for (var slot = 0; slot < options.Value.Slots; slot++)
        {
            await grains.GetGrain<IWorkerGrain>(WorkerId(silo.Name, slot)).Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle(cancellationToken);
        }
    }

    private async Task StartSlotsAsync(CancellationToken cancellationToken)
    {
        for (var slot = 0; slot < options.Value.Slots; slot++)
        {
            await grains.GetGrain<IWorkerGrain>(WorkerId(silo.Name, slot)).Start();
        }
    }
}
