using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SuperConvergence.Core.Persistence;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Abstractions.Work;
using SuperConvergence.Grains.Hosting;
using SuperConvergence.Grains.Telemetry;
using SuperConvergence.Grains.Storage;

namespace SuperConvergence.Grains.Work;

/// <summary>
/// The cluster's trial queue and lease table. Workers pull; idle workers are remembered and pushed the next item.
/// A lease is given up when its worker's silo has left the cluster (membership says so), or when the worker has been
/// silent for LeaseTimeout and membership does not vouch for its silo (LiveSiloLeaseTimeout when it does); the trial
/// is told and the item put at the front of the queue so it resumes from its checkpoint on the next free slot.
/// </summary>
public sealed partial class WorkQueueGrain(
    [PersistentState(GrainStateNames.Queue, StorageNames.Default)] IPersistentState<WorkQueueState> state,
    IOptions<SweepClusterOptions> options,
    SweepMetrics metrics,
    TimeProvider clock,
    IClusterMembershipService membership,
    ILogger<WorkQueueGrain> logger) : Grain, IWorkQueueGrain
{
    private readonly Dictionary<string, DateTimeOffset> _lastSeen = [];
    private readonly LinkedList<string> _idleWorkers = new();

    // Offers are one-way messages: until one has had time to arrive, the worker's heartbeat may not name it yet.
    private readonly Dictionary<string, DateTimeOffset> _offeredAt = [];
    // Sweeps whose wall time is spent: a lease of theirs that is given up is not requeued, so a trial that loses its
    // worker after the deadline is not resumed; its sweep's next withdrawal cancels it. Held in memory only: each
    // sweep withdraws again while it waits for its running trials, which restores its entry after a restart.
    private readonly HashSet<string> _withdrawnSweeps = new(StringComparer.Ordinal);

    private WorkQueueState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Leases restored from storage get a full timeout of grace: their workers may be alive and about to heartbeat.
        var now = clock.GetUtcNow();
        foreach (var lease in S.Leases.Values)
        {
            _lastSeen[lease.WorkerId] = now;
        }

        var period = options.Value.HeartbeatInterval;
        this.RegisterGrainTimer(CheckLeasesAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = true, Interleave = false });
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task Enqueue(IReadOnlyList<WorkItem> items)
    {
        var known = new HashSet<string>(S.Pending.Select(i => i.TrialId));
        known.UnionWith(S.Leases.Keys);
        var added = false;
        foreach (var item in items)
        {
            if (!_withdrawnSweeps.Contains(item.SweepId) && known.Add(item.TrialId))
            {
                S.Pending.Add(item);
                added = true;
            }
        }

        if (added)
        {
            await state.WriteDurablyAsync();
            await OfferToIdleWorkersAsync();
        }
    }

    public async Task<WorkItem?> RequestWork(string workerId)
    {
        Touch(workerId);
        await ReclaimStaleLeasesAsync(workerId, keepTrialId: null);
        var item = TryLease(workerId);
        if (item is not null)
        {
            await state.WriteDurablyAsync();
        }

        return item;
    }

    public async Task<bool> Heartbeat(string workerId, string? trialId)
    {
        Touch(workerId);
        await ReclaimStaleLeasesAsync(workerId, trialId);
        if (trialId is null)
        {
            // An idle worker that the queue forgot (after a restart) is remembered again and given work if any waits.
            RememberIdle(workerId);
            await OfferToIdleWorkersAsync();
            return true;
        }

        return S.Leases.TryGetValue(trialId, out var lease) && lease.WorkerId == workerId;
    }

    public async Task Release(string workerId, string trialId, bool requeue)
    {
        Touch(workerId);
        if (!GiveUpLease(workerId, trialId, requeue))
        {
            return;
        }

        await state.WriteDurablyAsync();

        // The released lease may have been what held its sweep at its limit; idle workers can now take its items.
        await OfferToIdleWorkersAsync();
    }

    public async Task<WorkItem?> ReleaseAndRequestWork(string workerId, string trialId, bool requeue)
    {
        Touch(workerId);
        var released = GiveUpLease(workerId, trialId, requeue);
        await ReclaimStaleLeasesAsync(workerId, keepTrialId: null);
        var item = TryLease(workerId);
        if (released || item is not null)
        {
            // One write for both: this call sits between one trial's end and the next one's start on every slot.
            await state.WriteDurablyAsync();
        }

        if (released)
        {
            await OfferToIdleWorkersAsync();
        }

        return item;
    }

    public async Task RemoveSweep(string sweepId)
    {
        _withdrawnSweeps.Remove(sweepId);
        var removed = S.Pending.RemoveAll(i => i.SweepId == sweepId);
        foreach (var trialId in S.Leases.Where(l => l.Value.Item.SweepId == sweepId).Select(l => l.Key).ToList())
        {
            // Workers learn on their next heartbeat that the lease is gone, and stop.
            S.Leases.Remove(trialId);
            removed++;
        }

        if (removed > 0)
        {
            await state.WriteDurablyAsync();
        }
    }

    public async Task<IReadOnlyList<string>> Withdraw(string sweepId, IReadOnlyList<string> trialIds)
    {
        _withdrawnSweeps.Add(sweepId);
        if (S.Pending.RemoveAll(i => i.SweepId == sweepId) > 0)
        {
            await state.WriteDurablyAsync();
        }

        return trialIds.Where(id => !S.Leases.ContainsKey(id)).ToList();
    }

    public Task<IReadOnlyList<WorkerView>> GetWorkers()
    {
        var byWorker = S.Leases.Values.ToDictionary(l => l.WorkerId, l => l.Item.TrialId);
        IReadOnlyList<WorkerView> views = _lastSeen
            .OrderBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => new WorkerView(w.Key, byWorker.GetValueOrDefault(w.Key), w.Value))
            .ToList();
        return Task.FromResult(views);
    }

    public Task<int> GetPendingCount() => Task.FromResult(S.Pending.Count);

    /// <summary>Leases the first waiting item this worker may run, or remembers the worker as idle when none.</summary>
    private WorkItem? TryLease(string workerId)
    {
        var index = NextRunnable();
        if (index < 0)
        {
            RememberIdle(workerId);
            return null;
        }

        _idleWorkers.Remove(workerId);
        return Lease(workerId, index);
    }

    /// <summary>
    /// The position of the first waiting item whose sweep runs fewer trials than its limit, or -1. Items of a sweep
    /// at its limit stay in place (and in order) for the sweep's next free slot.
    /// </summary>
    private int NextRunnable()
    {
        Dictionary<string, int>? running = null;
        for (var i = 0; i < S.Pending.Count; i++)
        {
            var item = S.Pending[i];
            running ??= S.Leases.Values.GroupBy(l => l.Item.SweepId).ToDictionary(g => g.Key, g => g.Count());
            if (running.GetValueOrDefault(item.SweepId) < item.MaxRunning)
            {
                return i;
            }
        }

        return -1;
    }

    private WorkItem Lease(string workerId, int index)
    {
        var item = S.Pending[index];
        S.Pending.RemoveAt(index);
        S.Leases[item.TrialId] = new WorkLease(item, workerId);
        return item;
    }

    /// <summary>Drops the worker's lease on the trial (requeued at the front when asked); false when it held none.</summary>
    private bool GiveUpLease(string workerId, string trialId, bool requeue)
    {
        if (!S.Leases.TryGetValue(trialId, out var lease) || lease.WorkerId != workerId)
        {
            return false;
        }

        S.Leases.Remove(trialId);
        _offeredAt.Remove(trialId);
        if (requeue)
        {
            RequeueAtFront(lease.Item);
            metrics.LeaseRequeued(RequeueCauses.HandedBack);
        }

        return true;
    }

    private async Task OfferToIdleWorkersAsync()
    {
        var offers = new List<(string Worker, WorkItem Item)>();
        while (_idleWorkers.First is { } idle && NextRunnable() is var index and >= 0)
        {
            _idleWorkers.RemoveFirst();
            if (!IsAlive(idle.Value))
            {
                continue;
            }

            var item = Lease(idle.Value, index);
            _offeredAt[item.TrialId] = clock.GetUtcNow();
            offers.Add((idle.Value, item));
        }

        if (offers.Count == 0)
        {
            return;
        }

        await state.WriteDurablyAsync();
        foreach (var (worker, item) in offers)
        {
            // Not awaited: reaching a worker whose silo just died can take until membership declares it dead, and
            // the queue must not stall meanwhile. An offer that never arrives expires with its lease.
            GrainFactory.GetGrain<IWorkerGrain>(worker).Offer(item).Ignore();
        }
    }

    private async Task CheckLeasesAsync(CancellationToken cancellationToken)
    {
        var expired = S.Leases.Where(l => !IsAlive(l.Value.WorkerId)).Select(l => l.Value).ToList();
        if (expired.Count == 0)
        {
            return;
        }

        foreach (var lease in expired)
        {
            S.Leases.Remove(lease.Item.TrialId);
            RequeueAtFront(lease.Item);
            _lastSeen.Remove(lease.WorkerId);
            _idleWorkers.Remove(lease.WorkerId);
            metrics.LeaseRequeued(RequeueCauses.WorkerLost);
            LogLeaseExpired(lease.Item.TrialId, lease.WorkerId);
        }

        await state.WriteDurablyAsync();
        foreach (var lease in expired)
        {
            await GrainFactory.GetGrain<ITrialGrain>(lease.Item.TrialId).AbandonAttempt(lease.WorkerId);
        }

        await OfferToIdleWorkersAsync();
    }

    /// <summary>
    /// A worker that restarted under the same name heartbeats without the trial it held before: that lease would
    /// never expire, so give it up now.
    /// </summary>
    private async Task ReclaimStaleLeasesAsync(string workerId, string? keepTrialId)
    {
        if (keepTrialId is not null)
        {
            _offeredAt.Remove(keepTrialId);
        }

        var now = clock.GetUtcNow();
        var stale = S.Leases.Values
            .Where(l => l.WorkerId == workerId && l.Item.TrialId != keepTrialId)
            .Where(l => !_offeredAt.TryGetValue(l.Item.TrialId, out var offered) || now - offered > options.Value.LeaseTimeout)
            .ToList();
        if (stale.Count == 0)
        {
            return;
        }

        foreach (var lease in stale)
        {
            S.Leases.Remove(lease.Item.TrialId);
            _offeredAt.Remove(lease.Item.TrialId);
            RequeueAtFront(lease.Item);
            metrics.LeaseRequeued(RequeueCauses.WorkerRestarted);
            LogLeaseStale(lease.Item.TrialId, lease.WorkerId);
        }

        await state.WriteDurablyAsync();
        foreach (var lease in stale)
        {
            await GrainFactory.GetGrain<ITrialGrain>(lease.Item.TrialId).AbandonAttempt(lease.WorkerId);
        }
    }

    private void RequeueAtFront(WorkItem item)
    {
        if (!_withdrawnSweeps.Contains(item.SweepId))
        {
            S.Pending.Insert(0, item);
        }
    }

    private void Touch(string workerId) => _lastSeen[workerId] = clock.GetUtcNow();

    private bool IsAlive(string workerId)
    {
        if (!_lastSeen.TryGetValue(workerId, out var seen))
        {
            return false;
        }

        var silent = clock.GetUtcNow() - seen;
        return SiloLivenessReader.Of(membership, SiloLivenessReader.SiloNameOf(workerId)) switch
        {
            SiloLiveness.Gone => false,
            SiloLiveness.Active => silent <= options.Value.EffectiveLiveSiloLeaseTimeout,
            _ => silent <= options.Value.LeaseTimeout,
        };
    }

    private void RememberIdle(string workerId)
    {
        if (!_idleWorkers.Contains(workerId) && !S.Leases.Values.Any(l => l.WorkerId == workerId))
        {
            _idleWorkers.AddLast(workerId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease on trial {TrialId} given up: worker {WorkerId} is gone (its silo was declared dead, or it stopped heartbeating); requeued")]
    private partial void LogLeaseExpired(string trialId, string workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease on trial {TrialId} given up: worker {WorkerId} heartbeats without it (the worker restarted); requeued")]
    private partial void LogLeaseStale(string trialId, string workerId);
}
