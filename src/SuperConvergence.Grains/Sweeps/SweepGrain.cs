using Microsoft.Extensions.DependencyInjection;

namespace SuperConvergence.Grains.Sweeps;

/// <summary>
/// The coordinator of one sweep: the Orleans side of its <see cref="SweepScheduler"/>, which decides what to run and
/// when the sweep ends. This grain persists the state, runs the timers, creates and queues the trials the scheduler
/// launches and feeds it every result exactly once. New trials are written to state before they are queued, so a
/// restart can neither lose nor duplicate one.
/// </summary>
public sealed partial class SweepGrain : Grain, ISweepGrain
{
    /// <summary>The page of trials that answers to a command (start, cancel, …) carry.</summary>
    private const int CommandAnswerTrials = 100;

    private readonly IPersistentState<SweepGrainState> _state;
    private readonly ISweepSpecParser _specParser;
    private readonly ISearchStrategyFactory _strategies;
    private readonly TimeSpan _leaseTimeout;
    private readonly SweepSnapshots _snapshots;
    private readonly ILogger<SweepGrain> _logger;
    private readonly SweepScheduler _scheduler;
    private IGrainTimer? _keepQueued;
    private IGrainTimer? _pumpSoon;
    private IGrainTimer? _wallTimeDeadline;

    public SweepGrain(
        [PersistentState(GrainStateNames.Sweep, StorageNames.Default)] IPersistentState<SweepGrainState> state,
        ISweepSpecParser specParser,
        ISearchStrategyFactory strategies,
        IOptions<SweepClusterOptions> options,
        [FromKeyedServices(SweepClocks.WallTime)] TimeProvider clock,
        SweepSnapshots snapshots,
        ILogger<SweepGrain> logger)
    {
        _state = state;
        _specParser = specParser;
        _strategies = strategies;
        _leaseTimeout = options.Value.LeaseTimeout;
        _snapshots = snapshots;
        _logger = logger;
        _scheduler = new SweepScheduler(this.GetPrimaryKeyString(), () => state.State, options.Value.TrialsQueuedAhead, options.Value.BestTrialsKept, clock);
    }

    private SweepGrainState S => _state.State;

    private string SweepId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!_scheduler.Exists)
        {
            return;
        }

        var spec = _specParser.Parse(S.SpecText!);
        _scheduler.Load(spec, _strategies.Create(spec, S.StrategyState));
        if (S.Active.Count > 0)
        {
            await ReconcileActiveTrialsAsync();
        }

        if (_scheduler.IsRunning)
        {
            KeepQueuedWhileRunning();
            await PumpAsync();
        }
    }

    public async Task<SweepStatus> Start(string specText)
    {
        if (!_scheduler.Exists)
        {
            var spec = _specParser.Parse(specText);
            _scheduler.Start(specText, spec, _strategies.Create(spec, null));
            await _state.WriteDurablyAsync();
            await Catalog.Register(new SweepListing(SweepId, spec.Name, SweepState.Running, S.CreatedAt!.Value));
            LogSweepStarted(SweepId, spec.Name, spec.Strategy);
            KeepQueuedWhileRunning();
            await PumpAsync();
        }

        return await CommandAnswerAsync();
    }

    public async Task<SweepStatus> GetStatus(int trialOffset, int trialLimit)
    {
        EnsureExists();
        var (offset, count) = SweepAnswers.PageOf(S, trialOffset, trialLimit);
        return _scheduler.Status(offset, await PageAsync(offset, count));
    }

    public Task<IReadOnlyList<TrialSummary>> GetActiveTrials(int limit)
    {
        EnsureExists();
        return Task.FromResult(_scheduler.ActiveTrials(limit));
    }

    public Task<IReadOnlyList<BestTrial>> GetBest(int top)
    {
        EnsureExists();
        return Task.FromResult(SweepAnswers.Best(S, top));
    }

    public async Task<SweepStatus> Cancel()
    {
        if (await StopRunningAsync(SweepState.Cancelled))
        {
            foreach (var trialId in S.Active.Keys)
            {
                // Not awaited: a trial that is reporting its end to us right now would wait on this turn.
                GrainFactory.GetGrain<ITrialGrain>(trialId).Cancel().Ignore();
            }

            LogSweepCancelled(SweepId, S.Active.Count);
            PublishSnapshot();
        }

        return await CommandAnswerAsync();
    }

    public async Task<SweepStatus> Interrupt()
    {
        // The trial grains keep their state and checkpoints for a resume.
        if (await StopRunningAsync(SweepState.Interrupted))
        {
            LogSweepInterrupted(SweepId, S.Active.Count);
            PublishSnapshot();
        }

        return await CommandAnswerAsync();
    }

    public async Task<SweepStatus> ResumeInterrupted()
    {
        EnsureExists();
        if (_scheduler.ResumeInterrupted())
        {
            await _state.WriteDurablyAsync();
            await Catalog.UpdateState(SweepId, SweepState.Running);
            if (S.Active.Count > 0)
            {
                // Running ones too: their worker is gone, and a new attempt resumes from their last checkpoint.
                await Queue.Enqueue(_scheduler.ActiveWork());
            }

            LogSweepResumed(SweepId, S.Active.Count);
            KeepQueuedWhileRunning();
            await PumpAsync();
        }

        return await CommandAnswerAsync();
    }

    public Task OnTrialStarted(TrialSummary trial)
    {
        if (S.Active.ContainsKey(trial.TrialId))
        {
            _scheduler.Index.Set(trial);
            PublishSnapshot();
        }

        return Task.CompletedTask;
    }

    public Task OnTrialProgress(string trialId, int epochsCompleted, EpochMetrics latestEpoch)
    {
        if (S.Active.ContainsKey(trialId))
        {
            _scheduler.Index.SetProgress(trialId, epochsCompleted, latestEpoch);
        }

        return Task.CompletedTask;
    }

    public Task OnRangeTestProgress(string trialId, RangeTestProgress progress)
    {
        if (S.Active.ContainsKey(trialId))
        {
            _scheduler.Index.SetRangeTestProgress(trialId, progress);
        }

        return Task.CompletedTask;
    }

    public async Task OnTrialFinished(TrialView trial)
    {
        if (!Record(trial))
        {
            return;
        }

        if (_scheduler.IsRunning)
        {
            // The trial has written its result, and its worker waits on this call before taking its next trial: answer
            // now and launch the replacements in a turn of our own. Results that arrive meanwhile share that turn's
            // single write. Should this silo die first, activation reconciles from the trial grains, which hold the
            // results, so deferring the write loses nothing and counts nothing twice.
            _pumpSoon ??= this.RegisterGrainTimer(PumpSoonAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true, Interleave = false });
        }
        else
        {
            await _state.WriteDurablyAsync();
        }
    }

    public Task Resume() => _scheduler.IsRunning ? PumpAsync() : Task.CompletedTask;

    /// <summary>Throws for a sweep that was never started: every query and command but Start needs one.</summary>
    private void EnsureExists()
    {
        if (!_scheduler.Exists)
        {
            throw new KeyNotFoundException($"sweep {SweepId} does not exist");
        }
    }

    private Task<SweepStatus> CommandAnswerAsync() => GetStatus(0, CommandAnswerTrials);

    /// <summary>
    /// A running sweep leaves Running for <paramref name="next"/> (Cancelled or Interrupted): recorded, listed, and
    /// its waiting work and leases taken off the queue (its workers learn on their next heartbeat and stop). False,
    /// and nothing done, when it was not running.
    /// </summary>
    private async Task<bool> StopRunningAsync(SweepState next)
    {
        EnsureExists();
        if (!_scheduler.StopRunning(next))
        {
            return false;
        }

        await _state.WriteDurablyAsync();
        await Catalog.UpdateState(SweepId, next);
        await Queue.RemoveSweep(SweepId);
        return true;
    }

    private Task PumpSoonAsync(CancellationToken cancellationToken)
    {
        _pumpSoon?.Dispose();
        _pumpSoon = null;
        return PumpAsync();
    }

    private bool Record(TrialView trial)
    {
        if (!_scheduler.Record(trial))
        {
            return false;
        }

        PublishSnapshot();
        return true;
    }

    /// <summary>Launches what the scheduler proposes for the free slots, or completes the sweep when nothing is left.</summary>
    private async Task PumpAsync()
    {
        var pump = _scheduler.Pump();
        if (pump.IsIdle)
        {
            return;
        }

        if (pump.WallTimeJustSpent)
        {
            LogWallTimeSpent(SweepId, _scheduler.Spec.Budget.WallTime!.Value);
        }

        if (pump.Ended && S.State == SweepState.Failed)
        {
            LogSweepFailed(SweepId, S.NextTrialNumber - 1, S.FirstFailure!);
        }
        else if (pump.Ended)
        {
            LogSweepCompleted(SweepId, S.NextTrialNumber - 1, S.Best.FirstOrDefault()?.Accuracy);
        }

        PublishSnapshot();
        await _state.WriteDurablyAsync();
        if (pump.Ended)
        {
            await Catalog.UpdateState(SweepId, S.State);
        }

        if (pump.WithdrawQueued)
        {
            await WithdrawQueuedAsync();
        }

        if (pump.Launched.Count > 0)
        {
            await Task.WhenAll(pump.Launched.Select(l => GrainFactory.GetGrain<ITrialGrain>(l.TrialId).Initialize(_scheduler.DefinitionOf(l.Proposal))));
            await Queue.Enqueue(pump.Launched.Select(l => _scheduler.Work(l.TrialId)).ToList());
        }
    }

    private void KeepQueuedWhileRunning()
    {
        _keepQueued ??= this.RegisterGrainTimer(KeepQueuedAsync, new GrainTimerCreationOptions(_leaseTimeout, _leaseTimeout) { KeepAlive = true, Interleave = false });
        if (!S.WallTimeExpired && _scheduler.WallTimeLeft is { } left)
        {
            // The deadline must stop the sweep even while no trial finishes and no slot is free to wake it.
            var due = left > TimeSpan.Zero ? left : TimeSpan.Zero;
            _wallTimeDeadline ??= this.RegisterGrainTimer(_ => PumpAsync(), new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true, Interleave = false });
        }
    }

    private async Task KeepQueuedAsync(CancellationToken cancellationToken)
    {
        var step = _scheduler.KeepQueued();
        if (step == SweepKeepQueued.StopTimers)
        {
            _keepQueued?.Dispose();
            _keepQueued = null;
            _wallTimeDeadline?.Dispose();
            _wallTimeDeadline = null;
            return;
        }

        if (step is SweepKeepQueued.Requeue or SweepKeepQueued.RequeueAndPump && _scheduler.PendingWork() is { Count: > 0 } pending)
        {
            await Queue.Enqueue(pending);
        }

        if (step is SweepKeepQueued.PumpOnly or SweepKeepQueued.RequeueAndPump)
        {
            // Past the wall time, also the deadline's check should its own timer be late.
            await PumpAsync();
        }
    }

    /// <summary>
    /// Past the wall time: the sweep's trials that wait in the queue are taken out of it and cancelled; those a worker
    /// holds run to their end. Repeated with every pump until the sweep ends, which also catches a running trial that
    /// lost its worker after the deadline (the queue does not requeue it): it is cancelled, not resumed.
    /// </summary>
    private async Task WithdrawQueuedAsync()
    {
        if (S.Active.Count == 0)
        {
            return;
        }

        var unleased = await Queue.Withdraw(SweepId, S.Active.Keys.ToList());
        foreach (var trialId in unleased)
        {
            // Not awaited: the trial reports its end to us, which would wait on this turn.
            GrainFactory.GetGrain<ITrialGrain>(trialId).Cancel().Ignore();
        }

        if (unleased.Count > 0)
        {
            LogQueuedTrialsWithdrawn(SweepId, unleased.Count);
        }
    }

    /// <summary>
    /// After a restart: trials that finished while we were away are applied now (their grains hold the result);
    /// trials that were written but never created or queued are created and queued (the queue ignores duplicates).
    /// </summary>
    private async Task ReconcileActiveTrialsAsync()
    {
        var requeue = new List<WorkItem>();
        foreach (var (trialId, proposal) in S.Active.ToList())
        {
            var trial = GrainFactory.GetGrain<ITrialGrain>(trialId);
            var view = await trial.Get();
            var action = _scheduler.Reconcile(view, proposal);
            if (action == SweepReconciliation.None && view.State.IsFinal())
            {
                PublishSnapshot();
            }

            if (action is SweepReconciliation.Create or SweepReconciliation.CreateAndQueue)
            {
                await trial.Initialize(_scheduler.DefinitionOf(proposal));
            }

            if (action is SweepReconciliation.CreateAndQueue or SweepReconciliation.Queue)
            {
                requeue.Add(_scheduler.Work(trialId));
            }
            else if (action == SweepReconciliation.Cancel)
            {
                trial.Cancel().Ignore();
            }
        }

        await _state.WriteDurablyAsync();
        if (requeue.Count > 0)
        {
            await Queue.Enqueue(requeue);
        }
    }

    /// <summary>
    /// Trials offset+1 … offset+count in number order. Rows this activation has seen come from the index; the rest
    /// (after a restart) are read from their trial grains, only those of the page, and kept: a page costs the same
    /// however large the sweep.
    /// </summary>
    private async Task<IReadOnlyList<TrialSummary>> PageAsync(int offset, int count)
    {
        var missing = _scheduler.MissingFromPage(offset, count);
        const int batch = 256;
        for (var start = 0; start < missing.Count; start += batch)
        {
            var views = await Task.WhenAll(missing.Skip(start).Take(batch).Select(id => GrainFactory.GetGrain<ITrialGrain>(id).Get()));
            foreach (var view in views.Where(v => v.Definition is not null && !_scheduler.Index.Contains(v.TrialId)))
            {
                _scheduler.Index.Set(SweepAnswers.Row(view, view.Definition!.Proposal));
            }
        }

        return _scheduler.Index.Page(offset, count);
    }

    private ISweepCatalogGrain Catalog => GrainFactory.GetGrain<ISweepCatalogGrain>(0);

    private IWorkQueueGrain Queue => GrainFactory.GetGrain<IWorkQueueGrain>(0);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} ({Name}) started with the {Strategy} strategy")]
    private partial void LogSweepStarted(string sweepId, string name, StrategyKind strategy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} completed after {Trials} trials; best accuracy {BestAccuracy}")]
    private partial void LogSweepCompleted(string sweepId, int trials, double? bestAccuracy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId} failed after {Trials} trials without a completed training trial; first failure: {FirstFailure}")]
    private partial void LogSweepFailed(string sweepId, int trials, string firstFailure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} interrupted with {Active} trials unfinished; left alone until resumed on purpose")]
    private partial void LogSweepInterrupted(string sweepId, int active);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} resumed on purpose; {Active} unfinished trials queued again")]
    private partial void LogSweepResumed(string sweepId, int active);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} cancelled with {Active} trials unfinished")]
    private partial void LogSweepCancelled(string sweepId, int active);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} has spent its wall time of {WallTime}; starting no more trials, letting the running ones finish")]
    private partial void LogWallTimeSpent(string sweepId, TimeSpan wallTime);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId}: wall time spent; {Count} trial(s) that had not started were withdrawn and cancelled")]
    private partial void LogQueuedTrialsWithdrawn(string sweepId, int count);
}
