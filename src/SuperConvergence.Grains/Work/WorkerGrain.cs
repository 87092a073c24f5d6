using Orleans.Placement;

namespace SuperConvergence.Grains.Work;

/// <summary>
/// One training slot, keyed "{silo name}/{slot}". Training takes minutes to hours, so it never runs in a grain
/// turn: the attempt runs on the thread pool and talks to the trial grain like any client; this grain only keeps
/// the slot's bookkeeping (what it runs, heartbeats) and hands the slot back when the attempt ends.
/// </summary>
[PreferLocalPlacement]
public sealed partial class WorkerGrain(
    ILocalSiloDetails silo,
    ITrainerProvider trainers,
    ICheckpointStore checkpoints,
    IOptions<SweepClusterOptions> options,
    SweepMetrics metrics,
    LiveTrials live,
    WorkerPreemption preemption,
    TimeProvider clock,
    ILogger<WorkerGrain> logger) : Grain, IWorkerGrain
{
    private WorkItem? _current;
    private CancellationTokenSource? _attemptCancellation;
    private bool _foreign;

    private string WorkerId => this.GetPrimaryKeyString();

    private IWorkQueueGrain Queue => GrainFactory.GetGrain<IWorkQueueGrain>(0);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A slot belongs to one silo. Activated anywhere else (a call reached it after its silo died), it must not
        // take work: that silo's slots are gone, and the queue will requeue their trials.
        var ownerSilo = WorkerId[..Math.Max(0, WorkerId.LastIndexOf('/'))];
        _foreign = !string.Equals(ownerSilo, silo.Name, StringComparison.Ordinal);
        if (_foreign)
        {
            LogForeignActivation(WorkerId, silo.Name);
            DeactivateOnIdle();
            return Task.CompletedTask;
        }

        live.SlotOpened(WorkerId);
        var period = options.Value.HeartbeatInterval;
        this.RegisterGrainTimer(HeartbeatAsync, new GrainTimerCreationOptions(TimeSpan.Zero, period) { KeepAlive = true, Interleave = false });
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task Start()
    {
        if (_foreign)
        {
            throw new InvalidOperationException($"worker {WorkerId} belongs to another silo than {silo.Name}");
        }

        if (_current is null && !preemption.IsRequested)
        {
            try
            {
                await PullAsync();
            }
            catch (Exception e) when (e is ArgumentException or OrleansException or TimeoutException)
            {
                // The coordinator may not have joined yet (its grain types are unknown here until it does). The
                // heartbeat keeps knocking; the queue remembers this worker and pushes work once it answers.
                LogQueueUnreachable(WorkerId, e.Message);
            }
        }
    }

    public async Task Offer(WorkItem item)
    {
        if (_foreign || _current is not null || preemption.IsRequested)
        {
            await Queue.Release(WorkerId, item.TrialId, requeue: true);
            return;
        }

        await BeginAsync(item);
    }

    public async Task OnAttemptEnded(string trialId, bool handBack)
    {
        if (_current?.TrialId != trialId)
        {
            return;
        }

        _current = null;
        _attemptCancellation?.Dispose();
        _attemptCancellation = null;
        metrics.SlotFree();
        if (handBack)
        {
            await GrainFactory.GetGrain<ITrialGrain>(trialId).AbandonAttempt(WorkerId);
        }

        if (preemption.IsRequested)
        {
            // The silo is stopping: give the lease back (a handed-back trial to the front of the queue), take nothing new.
            await Queue.Release(WorkerId, trialId, requeue: handBack);
            return;
        }

        if (await Queue.ReleaseAndRequestWork(WorkerId, trialId, requeue: handBack) is { } next)
        {
            await BeginAsync(next);
        }

        await PullAsync();
    }

    public Task Close()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _attemptCancellation?.Cancel();
        if (!_foreign)
        {
            live.SlotClosed(WorkerId);
        }

        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task PullAsync()
    {
        while (_current is null && !preemption.IsRequested && await Queue.RequestWork(WorkerId) is { } item)
        {
            await BeginAsync(item);
        }
    }

    private async Task BeginAsync(WorkItem item)
    {
        var trial = GrainFactory.GetGrain<ITrialGrain>(item.TrialId);
        var lease = await trial.BeginAttempt(WorkerId);
        if (lease is null)
        {
            // Finished or cancelled meanwhile: nothing to run.
            await Queue.Release(WorkerId, item.TrialId, requeue: false);
            return;
        }

        _current = item;
        _attemptCancellation = new CancellationTokenSource();
        metrics.SlotBusy();
        var attempt = new TrialAttempt(lease, trial, GrainFactory.GetGrain<IWorkerGrain>(WorkerId), trainers, checkpoints, options.Value.MinReportInterval, new AttemptTelemetry(lease, WorkerId, metrics, live, clock), logger, preemption.Token);
        var token = _attemptCancellation.Token;
        preemption.Run(() => attempt.RunAsync(token));
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        if (_current is null && preemption.IsRequested)
        {
            // An idle heartbeat would have the queue remember this stopping slot as idle and offer it work.
            return;
        }

        bool holdsLease;
        try
        {
            holdsLease = await Queue.Heartbeat(WorkerId, _current?.TrialId);
        }
        catch (Exception e) when (e is ArgumentException or OrleansException or TimeoutException)
        {
            LogQueueUnreachable(WorkerId, e.Message);
            return;
        }

        if (!holdsLease && _current is not null)
        {
            // The queue gave the lease up (the sweep was cancelled, or it thought us dead): stop; the attempt's end
            // hands the slot back.
            LogLeaseLost(WorkerId, _current.TrialId);
            _attemptCancellation?.Cancel();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {WorkerId} activated on silo {Silo}, which does not own it; refusing work")]
    private partial void LogForeignActivation(string workerId, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId}: the trial queue is not reachable yet ({Reason}); retrying with each heartbeat")]
    private partial void LogQueueUnreachable(string workerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {WorkerId} lost its lease on trial {TrialId}; stopping it")]
    private partial void LogLeaseLost(string workerId, string trialId);
}
