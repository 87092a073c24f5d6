using SuperConvergence.Grains.Work;

namespace SuperConvergence.Grains.Hosting;

/// <summary>
/// On a worker silo, activates one worker grain per slot once the silo is active. They are placed here because the
/// call comes from here (prefer-local placement) and their keys name this silo.
/// </summary>
public sealed class WorkerSlotsService(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IOptions<WorkerSlotsOptions> options,
    WorkerPreemption preemption) : ILifecycleParticipant<ISiloLifecycle>
{
    public static string WorkerId(string siloName, int slot) => $"{siloName}/{slot}";

    /// <summary>
    /// A stage after <see cref="SweepResumeService"/>: the sweeps a killed embedded run left behind are interrupted
    /// (their work taken off the queue) before any slot can take that work.
    /// </summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(WorkerSlotsService), ServiceLifecycleStage.Active + 1, StartSlotsAsync, StopSlotsAsync);

    /// <summary>
    /// Slots end with their silo. First, while the silo is still a full member (this stage stops first), the running
    /// attempts stop at their next step, checkpoint there and hand their trials back (<see cref="WorkerPreemption"/>).
    /// Then the slots are deactivated, so they are not offered for migration to another silo (which would refuse them
    /// anyway); a trial that did not get handed back in time has its lease expire and resumes from its last checkpoint.
    /// </summary>
    private async Task StopSlotsAsync(CancellationToken cancellationToken)
    {
        await preemption.PreemptAsync(cancellationToken);
        for (var slot = 0; slot < options.Value.Slots; slot++)
        {
            await grains.GetGrain<IWorkerGrain>(WorkerId(silo.Name, slot)).Close().WaitAsync(cancellationToken);
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
