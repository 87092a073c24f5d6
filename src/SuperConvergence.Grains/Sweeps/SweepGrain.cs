using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SuperConvergence.Core.Persistence;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Abstractions.Work;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;
using SuperConvergence.Grains.Hosting;
using SuperConvergence.Grains.Telemetry;
using SuperConvergence.Grains.Storage;

namespace SuperConvergence.Grains.Sweeps;

/// <summary>
/// The coordinator of one sweep. The search strategy decides what to run; this grain gives each proposal a trial
/// grain, queues it, feeds every result to the strategy exactly once, and keeps the budget and the best trials.
/// New trials are written to state before they are queued, so a restart can neither lose nor duplicate one.
/// </summary>
public sealed partial class SweepGrain(
    [PersistentState(GrainStateNames.Sweep, StorageNames.Default)] IPersistentState<SweepGrainState> state,
    ISweepSpecParser specParser,
    ISearchStrategyFactory strategies,
    IOptions<SweepClusterOptions> options,
    [FromKeyedServices(SweepClocks.WallTime)] TimeProvider clock,
    SweepSnapshots snapshots,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain
{
    private readonly SweepTrialIndex _index = new();
    private SweepSpec? _spec;
    private ISearchStrategy? _strategy;
    private IGrainTimer? _keepQueued;
    private IGrainTimer? _pumpSoon;
    private IGrainTimer? _wallTimeDeadline;

    private SweepGrainState S => state.State;

    private string SweepId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.SpecText is null)
        {
            return;
        }

        _spec = specParser.Parse(S.SpecText);
        _strategy = strategies.Create(_spec, S.StrategyState);
        if (S.Active.Count > 0)
        {
            await ReconcileActiveTrialsAsync();
        }

        if (S.State == SweepState.Running)
        {
            KeepQueuedWhileRunning();
            await PumpAsync();
        }
    }

    public async Task<SweepStatus> Start(string specText)
    {
        if (S.SpecText is not null)
        {
            return await GetStatus(0, 100);
        }

        var spec = specParser.Parse(specText);
        _spec = spec;
        _strategy = strategies.Create(spec, null);
        S.SpecText = specText;
        S.Name = spec.Name;
        S.State = SweepState.Running;
        S.CreatedAt = clock.GetUtcNow();
        await state.WriteDurablyAsync();
        await Catalog.Register(new SweepListing(SweepId, spec.Name, SweepState.Running, S.CreatedAt.Value));
        LogSweepStarted(SweepId, spec.Name, spec.Strategy);
        KeepQueuedWhileRunning();
        await PumpAsync();
        return await GetStatus(0, 100);
    }

    public async Task<SweepStatus> GetStatus(int trialOffset, int trialLimit)
    {
        if (!SweepAnswers.Exists(S))
        {
            throw new KeyNotFoundException($"sweep {SweepId} does not exist");
        }

        var (offset, count) = SweepAnswers.PageOf(S, trialOffset, trialLimit);
        var page = await PageAsync(offset, count);
        return SweepAnswers.Status(SweepId, S, _strategy!.Progress, offset, page, _index.ActiveCounts(S.Active.Keys));
    }

    public Task<IReadOnlyList<TrialSummary>> GetActiveTrials(int limit)
    {
        if (!SweepAnswers.Exists(S))
        {
            throw new KeyNotFoundException($"sweep {SweepId} does not exist");
        }

        IReadOnlyList<TrialSummary> active = _index.Rows(S.Active.Keys)
            .OrderByDescending(t => t.State == TrialState.Running)
            .ThenBy(t => t.TrialId, StringComparer.Ordinal)
            .Take(Math.Max(0, limit))
            .ToList();
        return Task.FromResult(active);
    }

    public Task<IReadOnlyList<BestTrial>> GetBest(int top)
    {
        if (!SweepAnswers.Exists(S))
        {
            throw new KeyNotFoundException($"sweep {SweepId} does not exist");
        }

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

        return await GetStatus(0, 100);
    }

    public async Task<SweepStatus> Interrupt()
    {
        // The trial grains keep their state and checkpoints for a resume.
        if (await StopRunningAsync(SweepState.Interrupted))
        {
            LogSweepInterrupted(SweepId, S.Active.Count);
            PublishSnapshot();
        }

        return await GetStatus(0, 100);
    }

    /// <summary>
    /// A running sweep leaves Running for <paramref name="next"/> (Cancelled or Interrupted): recorded, listed, and
    /// its waiting work and leases taken off the queue (its workers learn on their next heartbeat and stop). False,
    /// and nothing done, when it was not running.
    /// </summary>
    private async Task<bool> StopRunningAsync(SweepState next)
    {
        if (!SweepAnswers.Exists(S))
        {
            throw new KeyNotFoundException($"sweep {SweepId} does not exist");
        }

        if (S.State != SweepState.Running)
        {
            return false;
        }

        S.State = next;
        S.FinishedAt = next == SweepState.Cancelled ? clock.GetUtcNow() : null;
        await state.WriteDurablyAsync();
        await Catalog.UpdateState(SweepId, next);
        await Queue.RemoveSweep(SweepId);
        return true;
    }

    public async Task<SweepStatus> ResumeInterrupted()
    {
        if (!SweepAnswers.Exists(S))
        {
            throw new KeyNotFoundException($"sweep {SweepId} does not exist");
        }

        if (S.State == SweepState.Interrupted)
        {
            S.State = SweepState.Running;
            await state.WriteDurablyAsync();
            await Catalog.UpdateState(SweepId, SweepState.Running);
            if (S.Active.Count > 0)
            {
                // Running ones too: their worker is gone, and a new attempt resumes from their last checkpoint.
                await Queue.Enqueue(S.Active.Keys.Select(Work).ToList());
            }

            LogSweepResumed(SweepId, S.Active.Count);
            KeepQueuedWhileRunning();
            await PumpAsync();
        }

        return await GetStatus(0, 100);
    }

    public Task OnTrialStarted(TrialSummary trial)
    {
        if (S.Active.ContainsKey(trial.TrialId))
        {
            _index.Set(trial);
            PublishSnapshot();
        }

        return Task.CompletedTask;
    }

    public Task OnTrialProgress(string trialId, int epochsCompleted, EpochMetrics latestEpoch)
    {
        if (S.Active.ContainsKey(trialId))
        {
            _index.SetProgress(trialId, epochsCompleted, latestEpoch);
        }

        return Task.CompletedTask;
    }

    public Task OnRangeTestProgress(string trialId, RangeTestProgress progress)
    {
        if (S.Active.ContainsKey(trialId))
        {
            _index.SetRangeTestProgress(trialId, progress);
        }

        return Task.CompletedTask;
    }

    public async Task OnTrialFinished(TrialView trial)
    {
        if (!Record(trial))
        {
            return;
        }

        if (S.State == SweepState.Running)
        {
            // The trial has written its result, and its worker waits on this call before taking its next trial: answer
            // now and launch the replacements in a turn of our own. Results that arrive meanwhile share that turn's
            // single write. Should this silo die first, activation reconciles from the trial grains, which hold the
            // results, so deferring the write loses nothing and counts nothing twice.
            _pumpSoon ??= this.RegisterGrainTimer(PumpSoonAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true, Interleave = false });
        }
        else
        {
            await state.WriteDurablyAsync();
        }
    }

    private Task PumpSoonAsync(CancellationToken cancellationToken)
    {
        _pumpSoon?.Dispose();
        _pumpSoon = null;
        return PumpAsync();
    }

    public Task Resume() => S.State == SweepState.Running ? PumpAsync() : Task.CompletedTask;

    /// <summary>Applies a final trial once; false when it was already applied (or is not ours).</summary>
    private bool Record(TrialView trial)
    {
        if (!trial.State.IsFinal() || !S.Active.Remove(trial.TrialId, out var proposal))
        {
            return false;
        }

        var end = trial.State switch
        {
            TrialState.Completed => TrialEnd.Completed,
            TrialState.Diverged => TrialEnd.Diverged,
            TrialState.Failed => TrialEnd.Failed,
            _ => TrialEnd.Cancelled,
        };
        var epochs = trial.Epochs.Count;
        var loss = trial.Epochs.Count > 0 ? trial.Epochs[^1].TestLoss : (double?)null;
        if (S.State == SweepState.Running)
        {
            _strategy!.Observe(new TrialResult(trial.TrialId, proposal, end, trial.Accuracy, loss, epochs, trial.Curve));
        }

        S.FinishedCounts[trial.State] = S.FinishedCounts.GetValueOrDefault(trial.State) + 1;
        if (trial.State == TrialState.Failed && S.FirstFailure is null)
        {
            S.FirstFailure = $"trial {trial.TrialId}: {trial.Error ?? "failed without an error message"}";
        }
        if (proposal.Kind == TrialKind.Train)
        {
            S.TrialEpochsUsed += epochs;
            if (trial.State == TrialState.Completed && trial.Accuracy is double accuracy)
            {
                BestTrials.Insert(S.Best, ToBest(trial.TrialId, proposal, accuracy, epochs), options.Value.BestTrialsKept);
            }
        }

        _index.Set(SweepAnswers.Row(trial, proposal));
        PublishSnapshot();
        return true;
    }

    /// <summary>Launches what the strategy proposes for the free slots, or completes the sweep when nothing is left.</summary>
    private async Task PumpAsync()
    {
        if (S.State != SweepState.Running)
        {
            return;
        }

        var launched = new List<(string TrialId, TrialProposal Proposal)>();
        {
            if (!S.WallTimeExpired && WallTimeLeft <= TimeSpan.Zero)
            {
                S.WallTimeExpired = true;
                LogWallTimeSpent(SweepId, _spec!.Budget.WallTime!.Value);
            }

            var capacity = Capacity;
            if (!S.WallTimeExpired && capacity > 0 && !_strategy!.IsFinished)
            {
                foreach (var proposal in _strategy.Propose(capacity))
                {
                    var trialId = TrialIdOf(S.NextTrialNumber++);
                    S.Active[trialId] = proposal;
                    _index.Set(SweepAnswers.PendingRow(trialId, proposal));
                    launched.Add((trialId, proposal));
                }
            }

            if (S.Active.Count == 0)
            {
                // Nothing trained to the end and something failed: the sweep failed, with the first cause, rather
                // than "completed" with nothing to show.
                S.State = S.Best.Count == 0 && S.FirstFailure is not null ? SweepState.Failed : SweepState.Completed;
                S.FinishedAt = clock.GetUtcNow();
                if (S.State == SweepState.Failed)
                {
                    LogSweepFailed(SweepId, S.NextTrialNumber - 1, S.FirstFailure!);
                }
                else
                {
                    LogSweepCompleted(SweepId, S.NextTrialNumber - 1, S.Best.FirstOrDefault()?.Accuracy);
                }
            }

            S.StrategyState = _strategy!.SaveState();
            PublishSnapshot();
        }

        await state.WriteDurablyAsync();
        if (S.State is SweepState.Completed or SweepState.Failed)
        {
            await Catalog.UpdateState(SweepId, S.State);
        }

        if (S.WallTimeExpired && S.State == SweepState.Running)
        {
            await WithdrawQueuedAsync();
        }

        if (launched.Count > 0)
        {
            var trainer = _spec!.Trainer;
            await Task.WhenAll(launched.Select(l =>
                GrainFactory.GetGrain<ITrialGrain>(l.TrialId).Initialize(TrialDefinition.For(SweepId, l.Proposal, trainer))));
            await Queue.Enqueue(launched.Select(l => Work(l.TrialId)).ToList());
        }
    }

    /// <summary>
    /// Self-healing while running: pending trials are queued again (the queue ignores those it holds) and free slots
    /// are offered to the strategy. A queueing call that failed in a turn (a silo died mid-call, say) is thereby
    /// retried, and nothing waits for the next trial to finish to move on.
    /// </summary>
    private void KeepQueuedWhileRunning()
    {
        var period = options.Value.LeaseTimeout;
        _keepQueued ??= this.RegisterGrainTimer(KeepQueuedAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = true, Interleave = false });
        if (!S.WallTimeExpired && WallTimeLeft is { } left)
        {
            // The deadline must stop the sweep even while no trial finishes and no slot is free to wake it.
            var due = left > TimeSpan.Zero ? left : TimeSpan.Zero;
            _wallTimeDeadline ??= this.RegisterGrainTimer(_ => PumpAsync(), new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true, Interleave = false });
        }
    }

    private async Task KeepQueuedAsync(CancellationToken cancellationToken)
    {
        if (S.State != SweepState.Running)
        {
            // Finished sweeps need no timer and may be deactivated like any idle grain.
            _keepQueued?.Dispose();
            _keepQueued = null;
            _wallTimeDeadline?.Dispose();
            _wallTimeDeadline = null;
            return;
        }

        if (S.WallTimeExpired || WallTimeLeft <= TimeSpan.Zero)
        {
            // Past the deadline nothing is queued again: the pump withdraws what waits and ends the sweep once the
            // trials that were running have finished. Also the deadline's check should its own timer be late.
            await PumpAsync();
            return;
        }

        var pending = _index.Rows(S.Active.Keys).Where(t => t.State == TrialState.Pending).Select(t => Work(t.TrialId)).ToList();
        if (pending.Count > 0)
        {
            await Queue.Enqueue(pending);
        }

        if (Capacity > 0 && !_strategy!.IsFinished)
        {
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
            if (view.Definition is null)
            {
                await trial.Initialize(TrialDefinition.For(SweepId, proposal, _spec!.Trainer));
                if (!S.WallTimeExpired)
                {
                    // Past the wall time the pump that follows withdraws and cancels it instead.
                    requeue.Add(Work(trialId));
                }
            }
            else if (view.State.IsFinal())
            {
                Record(view);
            }
            else
            {
                _index.Set(SweepAnswers.Row(view, proposal));
                if (S.State == SweepState.Running && !S.WallTimeExpired)
                {
                    requeue.Add(Work(trialId));
                }
                else if (S.State is not (SweepState.Running or SweepState.Interrupted))
                {
                    // An interrupted sweep keeps its unfinished trials for a resume; an ended one stops them.
                    trial.Cancel().Ignore();
                }
            }
        }

        await state.WriteDurablyAsync();
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
        var missing = Enumerable.Range(offset + 1, count).Select(TrialIdOf).Where(id => !_index.Contains(id)).ToList();
        const int batch = 256;
        for (var start = 0; start < missing.Count; start += batch)
        {
            var views = await Task.WhenAll(missing.Skip(start).Take(batch).Select(id => GrainFactory.GetGrain<ITrialGrain>(id).Get()));
            foreach (var view in views.Where(v => v.Definition is not null && !_index.Contains(v.TrialId)))
            {
                _index.Set(SweepAnswers.Row(view, view.Definition!.Proposal));
            }
        }

        return _index.Page(offset, count);
    }

    private string TrialIdOf(int number) => SweepAnswers.TrialIdOf(SweepId, number);

    private static BestTrial ToBest(string trialId, TrialProposal proposal, double accuracy, int epochs)
    {
        var config = proposal.Train!;
        return new BestTrial(trialId, config.MaxLr, config.MinLr, config.WeightDecay, config.BatchSize, config.CycleEpochs, accuracy, epochs);
    }

    /// <summary>
    /// How many more trials to launch: enough to fill the sweep's slots and keep a few queued beyond them, so a slot
    /// that frees up starts its next trial at once instead of waiting for this grain to propose one. The queue holds
    /// the sweep to its concurrency limit.
    /// </summary>
    private int Capacity => _spec!.MaxConcurrentTrials + options.Value.TrialsQueuedAhead - S.Active.Count;

    /// <summary>How long until the wall-time budget is spent (negative once it is); null without one.</summary>
    private TimeSpan? WallTimeLeft => _spec!.Budget.WallTime is { } wallTime ? S.CreatedAt!.Value + wallTime - clock.GetUtcNow() : null;

    private WorkItem Work(string trialId) => new(SweepId, trialId, _spec!.MaxConcurrentTrials);

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
