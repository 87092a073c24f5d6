namespace SuperConvergence.Grains.Work;

/// <summary>
/// The cluster's waiting trials and leases, and the only holder of who runs which trial: items wait in order, a
/// worker leases the first one its sweep has a free slot for, and a lease ends when its worker gives it back, when
/// the worker goes silent for its timeout (longer while membership vouches for its silo, none once membership declares
/// it dead), or when the worker heartbeats without it (it restarted under the same name) — except while an offer pushed
/// to it may still be on its way. A lease that ends without the worker finishing it goes back to the front of the
/// queue, unless its sweep has withdrawn its work. Pure: the clock and membership's word on a silo are handed in, and
/// the grain persists <see cref="WorkQueueState"/> (read through <c>state</c>, as storage replaces it on
/// activation) after every change this reports.
/// </summary>
internal sealed class LeaseTable(
    Func<WorkQueueState> state,
    TimeSpan leaseTimeout,
    TimeSpan liveSiloLeaseTimeout,
    TimeProvider clock,
    Func<string, SiloLiveness> siloOf)
{
    private readonly Dictionary<string, DateTimeOffset> _lastSeen = [];
    private readonly LinkedList<string> _idleWorkers = new();

    // Offers are one-way messages: until one has had time to arrive, the worker's heartbeat may not name it yet.
    private readonly Dictionary<string, DateTimeOffset> _offeredAt = [];

    // Sweeps whose wall time is spent: a lease of theirs that ends is not requeued, so a trial that loses its worker
    // after the deadline is not resumed; its sweep's next withdrawal cancels it. Held in memory only: each sweep
    // withdraws again while it waits for its running trials, which restores its entry after a restart.
    private readonly HashSet<string> _withdrawnSweeps = new(StringComparer.Ordinal);

    private List<WorkItem> Pending => state().Pending;

    private Dictionary<string, WorkLease> Leases => state().Leases;

    public int PendingCount => Pending.Count;

    /// <summary>Leases restored from storage get a full timeout of grace: their workers may be alive and about to heartbeat.</summary>
    public void GiveRestoredLeasesGrace()
    {
        var now = clock.GetUtcNow();
        foreach (var lease in Leases.Values)
        {
            _lastSeen[lease.WorkerId] = now;
        }
    }

    /// <summary>Adds the items not already waiting or leased (in order), unless their sweep has withdrawn its work; true when any was added.</summary>
    public bool Enqueue(IEnumerable<WorkItem> items)
    {
        var known = new HashSet<string>(Pending.Select(i => i.TrialId));
        known.UnionWith(Leases.Keys);
        var added = false;
        foreach (var item in items)
        {
            if (!_withdrawnSweeps.Contains(item.SweepId) && known.Add(item.TrialId))
            {
                Pending.Add(item);
                added = true;
            }
        }

        return added;
    }

    /// <summary>The worker was heard from now.</summary>
    public void Touch(string workerId) => _lastSeen[workerId] = clock.GetUtcNow();

    /// <summary>Whether the worker holds the lease on the trial.</summary>
    public bool Holds(string workerId, string trialId) => Leases.TryGetValue(trialId, out var lease) && lease.WorkerId == workerId;

    /// <summary>
    /// The worker says it runs <paramref name="runningTrialId"/> (or nothing): its other leases would never end, so
    /// they are given up now (requeued) — all but those offered to it too recently for the offer to have arrived.
    /// </summary>
    public IReadOnlyList<EndedLease> ReclaimStale(string workerId, string? runningTrialId)
    {
        if (runningTrialId is not null)
        {
            // Named by its worker: the offer has arrived.
            _offeredAt.Remove(runningTrialId);
        }

        var now = clock.GetUtcNow();
        var stale = Leases.Values
            .Where(l => l.WorkerId == workerId && l.Item.TrialId != runningTrialId)
            .Where(l => !_offeredAt.TryGetValue(l.Item.TrialId, out var offered) || now - offered > leaseTimeout)
            .ToList();
        return stale.Select(lease => End(lease, RequeueCauses.WorkerRestarted)).ToList();
    }

    /// <summary>Leases the first waiting item this worker may run, or remembers the worker as idle when none.</summary>
    public WorkItem? TryLease(string workerId)
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

    /// <summary>An idle worker (one that the table forgot after a restart, say) is remembered to be offered the next item.</summary>
    public void RememberIdle(string workerId)
    {
        if (!_idleWorkers.Contains(workerId) && !Leases.Values.Any(l => l.WorkerId == workerId))
        {
            _idleWorkers.AddLast(workerId);
        }
    }

    /// <summary>
    /// The worker gives its lease on the trial back, requeued at the front when asked (counted as handed back); null
    /// when it held none.
    /// </summary>
    public EndedLease? GiveBack(string workerId, string trialId, bool requeue)
    {
        if (!Leases.TryGetValue(trialId, out var lease) || lease.WorkerId != workerId)
        {
            return null;
        }

        if (requeue)
        {
            return End(lease, RequeueCauses.HandedBack);
        }

        Drop(trialId);
        return new EndedLease(lease, Cause: null);
    }

    /// <summary>
    /// Leases the waiting items that may run to the idle workers still alive, longest idle first, and returns the
    /// offers to push to them. An idle worker found dead is forgotten.
    /// </summary>
    public IReadOnlyList<WorkLease> OfferToIdleWorkers()
    {
        var offers = new List<WorkLease>();
        while (_idleWorkers.First is { } idle && NextRunnable() is var index and >= 0)
        {
            _idleWorkers.RemoveFirst();
            if (!IsAlive(idle.Value))
            {
                continue;
            }

            var item = Lease(idle.Value, index);
            _offeredAt[item.TrialId] = clock.GetUtcNow();
            offers.Add(new WorkLease(item, idle.Value));
        }

        return offers;
    }

    /// <summary>Ends every lease whose worker is gone (requeued; the worker is forgotten).</summary>
    public IReadOnlyList<EndedLease> ExpireLost()
    {
        var lost = Leases.Values.Where(l => !IsAlive(l.WorkerId)).ToList();
        foreach (var lease in lost)
        {
            _lastSeen.Remove(lease.WorkerId);
            _idleWorkers.Remove(lease.WorkerId);
        }

        return lost.Select(lease => End(lease, RequeueCauses.WorkerLost)).ToList();
    }

    /// <summary>Drops the sweep's waiting items and its leases (a cancelled sweep); true when any was dropped.</summary>
    public bool RemoveSweep(string sweepId)
    {
        _withdrawnSweeps.Remove(sweepId);
        var removed = Pending.RemoveAll(i => i.SweepId == sweepId);
        foreach (var trialId in Leases.Where(l => l.Value.Item.SweepId == sweepId).Select(l => l.Key).ToList())
        {
            Drop(trialId);
            removed++;
        }

        return removed > 0;
    }

    /// <summary>
    /// Drops the sweep's waiting items and takes none of its items from now on, leaving its leases to run to their end;
    /// true when any was dropped.
    /// </summary>
    public bool Withdraw(string sweepId)
    {
        _withdrawnSweeps.Add(sweepId);
        return Pending.RemoveAll(i => i.SweepId == sweepId) > 0;
    }

    /// <summary>Those of the trials that no worker holds.</summary>
    public IReadOnlyList<string> Unleased(IEnumerable<string> trialIds) => trialIds.Where(id => !Leases.ContainsKey(id)).ToList();

    /// <summary>Every worker heard from, by id, with the trial it holds.</summary>
    public IReadOnlyList<WorkerView> Workers()
    {
        var byWorker = Leases.Values.ToDictionary(l => l.WorkerId, l => l.Item.TrialId);
        return _lastSeen
            .OrderBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => new WorkerView(w.Key, byWorker.GetValueOrDefault(w.Key), w.Value))
            .ToList();
    }

    /// <summary>
    /// The position of the first waiting item whose sweep runs fewer trials than its limit, or -1. Items of a sweep
    /// at its limit stay in place (and in order) for the sweep's next free slot.
    /// </summary>
    private int NextRunnable()
    {
        Dictionary<string, int>? running = null;
        for (var i = 0; i < Pending.Count; i++)
        {
            var item = Pending[i];
            running ??= Leases.Values.GroupBy(l => l.Item.SweepId).ToDictionary(g => g.Key, g => g.Count());
            if (running.GetValueOrDefault(item.SweepId) < item.MaxRunning)
            {
                return i;
            }
        }

        return -1;
    }

    private WorkItem Lease(string workerId, int index)
    {
        var item = Pending[index];
        Pending.RemoveAt(index);
        Leases[item.TrialId] = new WorkLease(item, workerId);
        return item;
    }

    /// <summary>Ends a lease its worker did not finish: the item goes to the front of the queue unless its sweep withdrew.</summary>
    private EndedLease End(WorkLease lease, string cause)
    {
        Drop(lease.Item.TrialId);
        var requeued = !_withdrawnSweeps.Contains(lease.Item.SweepId);
        if (requeued)
        {
            Pending.Insert(0, lease.Item);
        }

        return new EndedLease(lease, cause);
    }

    /// <summary>The trial's lease is gone, and with it any offer of it still on its way.</summary>
    private void Drop(string trialId)
    {
        Leases.Remove(trialId);
        _offeredAt.Remove(trialId);
    }

    private bool IsAlive(string workerId)
    {
        if (!_lastSeen.TryGetValue(workerId, out var seen))
        {
            return false;
        }

        var silent = clock.GetUtcNow() - seen;
        return siloOf(workerId) switch
        {
            SiloLiveness.Gone => false,
            SiloLiveness.Active => silent <= liveSiloLeaseTimeout,
            _ => silent <= leaseTimeout,
        };
    }
}
