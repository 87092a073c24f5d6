using SuperConvergence.Abstractions.Work;

namespace SuperConvergence.Abstractions.Grains;

/// <summary>
/// The cluster's queue of trials waiting for a slot, and the leases of running ones (key 0). Workers pull; an idle
/// worker is pushed work as soon as it arrives. A lease whose worker stops heartbeating is given up and its trial
/// requeued, to resume from its last checkpoint elsewhere.
/// </summary>
[Alias("sc.IWorkQueueGrain")]
public interface IWorkQueueGrain : IGrainWithIntegerKey
{
    [Alias("Enqueue")]
    Task Enqueue(IReadOnlyList<WorkItem> items);

    /// <summary>The next item for this worker, or null (the worker is then offered the next item that arrives).</summary>
    [Alias("RequestWork")]
    Task<WorkItem?> RequestWork(string workerId);

    /// <summary>
    /// The worker is alive, running <paramref name="trialId"/> (or idle when null). False when the worker holds no
    /// lease on that trial any more (it was given up or the sweep cancelled): the worker then stops it.
    /// </summary>
    [Alias("Heartbeat")]
    Task<bool> Heartbeat(string workerId, string? trialId);

    /// <summary>The worker gives its lease on the trial back: done with it, or (requeue) refusing it.</summary>
    [Alias("Release")]
    Task Release(string workerId, string trialId, bool requeue);

    /// <summary>
    /// <see cref="Release"/> and <see cref="RequestWork"/> in one call: a slot that has just finished a trial takes
    /// the next without a second round trip (this is on every trial's critical path).
    /// </summary>
    [Alias("ReleaseAndRequestWork")]
    Task<WorkItem?> ReleaseAndRequestWork(string workerId, string trialId, bool requeue);

    /// <summary>Drops the sweep's waiting items and its leases (a cancelled sweep: its workers stop).</summary>
    [Alias("RemoveSweep")]
    Task RemoveSweep(string sweepId);

    /// <summary>
    /// Drops the sweep's waiting items but leaves its leases, so running trials finish. Returns those of
    /// <paramref name="trialIds"/> that no worker holds (withdrawn now, or not queued at all): none of them can start
    /// any more.
    /// </summary>
    [Alias("Withdraw")]
    Task<IReadOnlyList<string>> Withdraw(string sweepId, IReadOnlyList<string> trialIds);

    [Alias("GetWorkers")]
    Task<IReadOnlyList<WorkerView>> GetWorkers();

    [Alias("GetPendingCount")]
    Task<int> GetPendingCount();
}
