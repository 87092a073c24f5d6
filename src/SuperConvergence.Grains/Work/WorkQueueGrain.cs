namespace SuperConvergence.Grains.Work;

/// <summary>
/// The cluster's trial queue: the Orleans side of its <see cref="LeaseTable"/>, which alone decides who runs what.
/// This grain persists the table, checks leases on a timer, pushes offers to idle workers and tells a trial whose
/// lease ended without its worker finishing it that its attempt is abandoned (it resumes from its checkpoint on the
/// next free slot).
/// </summary>
public sealed partial class WorkQueueGrain : Grain, IWorkQueueGrain
{
    private readonly IPersistentState<WorkQueueState> _state;
    private readonly SweepMetrics _metrics;
    private readonly TimeSpan _heartbeatInterval;
    private readonly ILogger<WorkQueueGrain> _logger;
    private readonly LeaseTable _leases;

    public WorkQueueGrain(
        [PersistentState(GrainStateNames.Queue, StorageNames.Default)] IPersistentState<WorkQueueState> state,
        IOptions<SweepClusterOptions> options,
        SweepMetrics metrics,
        TimeProvider clock,
        IClusterMembershipService membership,
        ILogger<WorkQueueGrain> logger)
    {
        _state = state;
        _metrics = metrics;
        _heartbeatInterval = options.Value.HeartbeatInterval;
        _logger = logger;
        _leases = new LeaseTable(() => state.State, options.Value.LeaseTimeout, options.Value.EffectiveLiveSiloLeaseTimeout, clock,
            workerId => SiloLivenessReader.Of(membership, SiloLivenessReader.SiloNameOf(workerId)));
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _leases.GiveRestoredLeasesGrace();
        this.RegisterGrainTimer(CheckLeasesAsync, new GrainTimerCreationOptions(_heartbeatInterval, _heartbeatInterval) { KeepAlive = true, Interleave = false });
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task Enqueue(IReadOnlyList<WorkItem> items)
    {
        if (_leases.Enqueue(items))
        {
            await _state.WriteDurablyAsync();
            await OfferToIdleWorkersAsync();
        }
    }

    public async Task<WorkItem?> RequestWork(string workerId)
    {
        _leases.Touch(workerId);
        await ReclaimStaleLeasesAsync(workerId, runningTrialId: null);
        var item = _leases.TryLease(workerId);
        if (item is not null)
        {
            await _state.WriteDurablyAsync();
        }

        return item;
    }

    public async Task<bool> Heartbeat(string workerId, string? trialId)
    {
        _leases.Touch(workerId);
        await ReclaimStaleLeasesAsync(workerId, trialId);
        if (trialId is null)
        {
            _leases.RememberIdle(workerId);
            await OfferToIdleWorkersAsync();
            return true;
        }

        return _leases.Holds(workerId, trialId);
    }

    public async Task Release(string workerId, string trialId, bool requeue)
    {
        _leases.Touch(workerId);
        if (GiveBack(workerId, trialId, requeue))
        {
            await _state.WriteDurablyAsync();

            // The released lease may have been what held its sweep at its limit; idle workers can now take its items.
            await OfferToIdleWorkersAsync();
        }
    }

    public async Task<WorkItem?> ReleaseAndRequestWork(string workerId, string trialId, bool requeue)
    {
        _leases.Touch(workerId);
        var released = GiveBack(workerId, trialId, requeue);
        await ReclaimStaleLeasesAsync(workerId, runningTrialId: null);
        var item = _leases.TryLease(workerId);
        if (released || item is not null)
        {
            // One write for both: this call sits between one trial's end and the next one's start on every slot.
            await _state.WriteDurablyAsync();
        }

        if (released)
        {
            await OfferToIdleWorkersAsync();
        }

        return item;
    }

    public async Task RemoveSweep(string sweepId)
    {
        // Workers learn on their next heartbeat that their leases are gone, and stop.
        if (_leases.RemoveSweep(sweepId))
        {
            await _state.WriteDurablyAsync();
        }
    }

    public async Task<IReadOnlyList<string>> Withdraw(string sweepId, IReadOnlyList<string> trialIds)
    {
        if (_leases.Withdraw(sweepId))
        {
            await _state.WriteDurablyAsync();
        }

        return _leases.Unleased(trialIds);
    }

    public Task<IReadOnlyList<WorkerView>> GetWorkers() => Task.FromResult(_leases.Workers());

    public Task<int> GetPendingCount() => Task.FromResult(_leases.PendingCount);

    private bool GiveBack(string workerId, string trialId, bool requeue)
    {
        if (_leases.GiveBack(workerId, trialId, requeue) is not { } ended)
        {
            return false;
        }

        CountRequeued(ended);
        return true;
    }

    private async Task OfferToIdleWorkersAsync()
    {
        var offers = _leases.OfferToIdleWorkers();
        if (offers.Count == 0)
        {
            return;
        }

        await _state.WriteDurablyAsync();
        foreach (var offer in offers)
        {
            // Not awaited: reaching a worker whose silo just died can take until membership declares it dead, and
            // the queue must not stall meanwhile. An offer that never arrives expires with its lease.
            GrainFactory.GetGrain<IWorkerGrain>(offer.WorkerId).Offer(offer.Item).Ignore();
        }
    }

    private async Task CheckLeasesAsync(CancellationToken cancellationToken)
    {
        var lost = _leases.ExpireLost();
        if (lost.Count == 0)
        {
            return;
        }

        foreach (var ended in lost)
        {
            LogLeaseExpired(ended.Lease.Item.TrialId, ended.Lease.WorkerId);
        }

        await AbandonAsync(lost);
        await OfferToIdleWorkersAsync();
    }

    /// <summary>A worker that restarted under the same name heartbeats without the trial it held before: that lease would never end, so it ends now.</summary>
    private async Task ReclaimStaleLeasesAsync(string workerId, string? runningTrialId)
    {
        var stale = _leases.ReclaimStale(workerId, runningTrialId);
        foreach (var ended in stale)
        {
            LogLeaseStale(ended.Lease.Item.TrialId, ended.Lease.WorkerId);
        }

        if (stale.Count > 0)
        {
            await AbandonAsync(stale);
        }
    }

    /// <summary>Records the ended leases, then tells their trials that the attempt is over.</summary>
    private async Task AbandonAsync(IReadOnlyList<EndedLease> ended)
    {
        foreach (var lease in ended)
        {
            CountRequeued(lease);
        }

        await _state.WriteDurablyAsync();
        foreach (var lease in ended)
        {
            await GrainFactory.GetGrain<ITrialGrain>(lease.Lease.Item.TrialId).AbandonAttempt(lease.Lease.WorkerId);
        }
    }

    private void CountRequeued(EndedLease ended)
    {
        if (ended.Cause is { } cause)
        {
            _metrics.LeaseRequeued(cause);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease on trial {TrialId} given up: worker {WorkerId} is gone (its silo was declared dead, or it stopped heartbeating); requeued")]
    private partial void LogLeaseExpired(string trialId, string workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease on trial {TrialId} given up: worker {WorkerId} heartbeats without it (the worker restarted); requeued")]
    private partial void LogLeaseStale(string trialId, string workerId);
}
