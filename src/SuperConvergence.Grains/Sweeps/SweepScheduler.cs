namespace SuperConvergence.Grains.Sweeps;

/// <summary>
/// The decisions of one sweep's coordinator: what to launch into its free slots, when its wall time is spent, when it
/// ends and how, how each final trial counts, what a restart must reconcile, and what its answers hold. Pure: the
/// clock is injected, the spec and strategy handed in, and every change is made to <see cref="SweepGrainState"/> (read
/// through <c>state</c>, as storage replaces it on activation) for the grain to persist and act on.
/// </summary>
internal sealed class SweepScheduler(string sweepId, Func<SweepGrainState> state, int trialsQueuedAhead, int bestTrialsKept, TimeProvider clock)
{
    private SweepSpec? _spec;
    private ISearchStrategy? _strategy;

    private SweepGrainState S => state();

    /// <summary>The trial rows this activation knows, for pages and live views.</summary>
    public SweepTrialIndex Index { get; } = new();

    /// <summary>Whether the sweep exists: a sweep never started (or never stored) has no spec.</summary>
    public bool Exists => SweepAnswers.Exists(S);

    /// <summary>Whether its spec and strategy are loaded (they are for every sweep that exists, once activated).</summary>
    public bool IsLoaded => _spec is not null;

    public bool IsRunning => S.State == SweepState.Running;

    public SweepSpec Spec => _spec ?? throw new InvalidOperationException($"sweep {sweepId} is not loaded");

    public ISearchStrategy Strategy => _strategy ?? throw new InvalidOperationException($"sweep {sweepId} is not loaded");

    /// <summary>
    /// How many more trials to launch: enough to fill the sweep's slots and keep a few queued beyond them, so a slot
    /// that frees up starts its next trial at once instead of waiting for the coordinator to propose one. The queue
    /// holds the sweep to its concurrency limit.
    /// </summary>
    public int Capacity => Spec.MaxConcurrentTrials + trialsQueuedAhead - S.Active.Count;

    /// <summary>How long until the wall-time budget is spent (negative once it is); null without one.</summary>
    public TimeSpan? WallTimeLeft => Spec.Budget.WallTime is { } wallTime ? S.CreatedAt!.Value + wallTime - clock.GetUtcNow() : null;

    /// <summary>Whether the wall time is spent, recorded or not yet.</summary>
    public bool WallTimeSpent => S.WallTimeExpired || WallTimeLeft <= TimeSpan.Zero;

    /// <summary>Takes up a stored sweep's spec and strategy (restored from its saved state) on activation.</summary>
    public void Load(SweepSpec spec, ISearchStrategy strategy)
    {
        _spec = spec;
        _strategy = strategy;
    }

    /// <summary>A new sweep: running from now, with no trials yet.</summary>
    public void Start(string specText, SweepSpec spec, ISearchStrategy strategy)
    {
        Load(spec, strategy);
        S.SpecText = specText;
        S.Name = spec.Name;
        S.State = SweepState.Running;
        S.CreatedAt = clock.GetUtcNow();
    }

    /// <summary>A running sweep leaves Running for <paramref name="next"/> (Cancelled or Interrupted); false, and nothing changed, when it was not running.</summary>
    public bool StopRunning(SweepState next)
    {
        if (S.State != SweepState.Running)
        {
            return false;
        }

        S.State = next;
        S.FinishedAt = next == SweepState.Cancelled ? clock.GetUtcNow() : null;
        return true;
    }

    /// <summary>An interrupted sweep runs again; false, and nothing changed, for any other.</summary>
    public bool ResumeInterrupted()
    {
        if (S.State != SweepState.Interrupted)
        {
            return false;
        }

        S.State = SweepState.Running;
        return true;
    }

    /// <summary>Applies a final trial once: its count, the strategy (while running), the budget, the best trials; false when already applied or not ours.</summary>
    public bool Record(TrialView trial)
    {
        if (!trial.State.IsFinal() || !S.Active.Remove(trial.TrialId, out var proposal))
        {
            return false;
        }

        var epochs = trial.Epochs.Count;
        if (S.State == SweepState.Running)
        {
            var loss = epochs > 0 ? trial.Epochs[^1].TestLoss : (double?)null;
            Strategy.Observe(new TrialResult(trial.TrialId, proposal, trial.State.ToEnd(), trial.Accuracy, loss, epochs, trial.Curve));
        }

        S.FinishedCounts[trial.State] = S.FinishedCounts.GetValueOrDefault(trial.State) + 1;
        if (trial.State == TrialState.Failed && S.FirstFailure is null)
        {
            S.FirstFailure = $"trial {trial.TrialId}: {trial.Error ?? "failed without an error message"}";
        }

        if (proposal is TrainingProposal training)
        {
            S.TrialEpochsUsed += epochs;
            if (trial.State == TrialState.Completed && trial.Accuracy is double accuracy)
            {
                BestTrials.Insert(S.Best, ToBest(trial.TrialId, training.Config, accuracy, epochs), bestTrialsKept);
            }
        }

        Index.Set(SweepAnswers.Row(trial, proposal));
        return true;
    }

    /// <summary>
    /// Launches what the strategy proposes for the free slots (written to the state before anything is created, so a
    /// restart neither loses nor duplicates a trial), notes the wall time once it is spent, and ends the sweep when no
    /// trial is left: Failed when nothing trained to the end and something failed, Completed otherwise.
    /// </summary>
    public SweepPump Pump()
    {
        if (S.State != SweepState.Running)
        {
            return SweepPump.Idle;
        }

        var wallTimeJustSpent = false;
        if (!S.WallTimeExpired && WallTimeLeft <= TimeSpan.Zero)
        {
            S.WallTimeExpired = true;
            wallTimeJustSpent = true;
        }

        var launched = new List<(string TrialId, TrialProposal Proposal)>();
        var capacity = Capacity;
        if (!S.WallTimeExpired && capacity > 0 && !Strategy.IsFinished)
        {
            foreach (var proposal in Strategy.Propose(capacity))
            {
                var trialId = TrialIdOf(S.NextTrialNumber++);
                S.Active[trialId] = proposal;
                Index.Set(SweepAnswers.PendingRow(trialId, proposal));
                launched.Add((trialId, proposal));
            }
        }

        if (S.Active.Count == 0)
        {
            S.State = S.Best.Count == 0 && S.FirstFailure is not null ? SweepState.Failed : SweepState.Completed;
            S.FinishedAt = clock.GetUtcNow();
        }

        S.StrategyState = Strategy.SaveState();
        return new SweepPump(launched, wallTimeJustSpent, Ended: S.State is SweepState.Completed or SweepState.Failed,
            WithdrawQueued: S.WallTimeExpired && S.State == SweepState.Running);
    }

    /// <summary>What the self-healing tick does while the sweep runs (see <see cref="SweepKeepQueued"/>).</summary>
    public SweepKeepQueued KeepQueued()
    {
        if (S.State != SweepState.Running)
        {
            return SweepKeepQueued.StopTimers;
        }

        if (WallTimeSpent)
        {
            return SweepKeepQueued.PumpOnly;
        }

        return Capacity > 0 && !Strategy.IsFinished ? SweepKeepQueued.RequeueAndPump : SweepKeepQueued.Requeue;
    }

    /// <summary>The queue items of the unfinished trials this activation knows to be pending.</summary>
    public IReadOnlyList<WorkItem> PendingWork() =>
        Index.Rows(S.Active.Keys).Where(t => t.State == TrialState.Pending).Select(t => Work(t.TrialId)).ToList();

    /// <summary>The queue items of every unfinished trial (a resumed sweep's, whose workers are gone).</summary>
    public IReadOnlyList<WorkItem> ActiveWork() => S.Active.Keys.Select(Work).ToList();

    /// <summary>
    /// After a restart, what an unfinished trial of the state needs, from what its grain says: created (and queued
    /// unless past the wall time), applied (it finished meanwhile), queued again (running sweep), stopped (ended sweep),
    /// or left alone (interrupted sweep, or past the wall time where the next pump withdraws it).
    /// </summary>
    public SweepReconciliation Reconcile(TrialView view, TrialProposal proposal)
    {
        if (view.Definition is null)
        {
            return S.WallTimeExpired ? SweepReconciliation.Create : SweepReconciliation.CreateAndQueue;
        }

        if (view.State.IsFinal())
        {
            Record(view);
            return SweepReconciliation.None;
        }

        Index.Set(SweepAnswers.Row(view, proposal));
        if (S.State == SweepState.Running)
        {
            return S.WallTimeExpired ? SweepReconciliation.None : SweepReconciliation.Queue;
        }

        return S.State == SweepState.Interrupted ? SweepReconciliation.None : SweepReconciliation.Cancel;
    }

    /// <summary>The trial ids of a status page (offset+1 … offset+count) whose rows this activation has not seen.</summary>
    public IReadOnlyList<string> MissingFromPage(int offset, int count) =>
        Enumerable.Range(offset + 1, count).Select(TrialIdOf).Where(id => !Index.Contains(id)).ToList();

    /// <summary>The status with one page of rows.</summary>
    public SweepStatus Status(int offset, IReadOnlyList<TrialSummary> page) =>
        SweepAnswers.Status(sweepId, S, Strategy.Progress, offset, page, Index.ActiveCounts(S.Active.Keys));

    /// <summary>The unfinished trials, running ones first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<TrialSummary> ActiveTrials(int limit) =>
        Index.Rows(S.Active.Keys)
            .OrderByDescending(t => t.State == TrialState.Running)
            .ThenBy(t => t.TrialId, StringComparer.Ordinal)
            .Take(Math.Max(0, limit))
            .ToList();

    public TrialDefinition DefinitionOf(TrialProposal proposal) => TrialDefinition.For(sweepId, proposal, Spec.Trainer);

    public WorkItem Work(string trialId) => new(sweepId, trialId, Spec.MaxConcurrentTrials);

    public string TrialIdOf(int number) => SweepAnswers.TrialIdOf(sweepId, number);

    private static BestTrial ToBest(string trialId, TrialConfig config, double accuracy, int epochs) =>
        new(trialId, config.MaxLr, config.MinLr, config.WeightDecay, config.BatchSize, config.CycleEpochs, accuracy, epochs);
}
