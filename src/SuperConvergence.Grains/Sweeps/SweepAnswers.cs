namespace SuperConvergence.Grains.Sweeps;

/// <summary>
/// What the sweep coordinator and the catalog answer, computed from their persisted state and nothing else. The grains
/// answer with these, and so does a reader of an embedded cluster's store with no silo running (sc sweep status
/// --data-dir): one computation, so both print the same.
/// </summary>
public static class SweepAnswers
{
    /// <summary>Whether the state is a sweep's: a sweep never started (or never stored) has no spec.</summary>
    public static bool Exists(SweepGrainState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.SpecText is not null;
    }

    /// <summary>The id of the sweep's trial number <paramref name="number"/> (from 1): the sweep id, a dash, six digits.</summary>
    public static string TrialIdOf(string sweepId, int number) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sweepId}-{number:D6}");

    /// <summary>
    /// The trials a status page holds, as (offset, count) within the trials started so far: the requested page
    /// clamped to them, so any offset and limit answer without an error.
    /// </summary>
    public static (int Offset, int Count) PageOf(SweepGrainState state, int trialOffset, int trialLimit)
    {
        ArgumentNullException.ThrowIfNull(state);
        var total = state.NextTrialNumber - 1;
        var offset = Math.Clamp(trialOffset, 0, total);
        return (offset, Math.Min(Math.Max(0, trialLimit), total - offset));
    }

    /// <summary>
    /// The status of a sweep: its state, the strategy's <paramref name="progress"/>, the counts (finished ones from the
    /// state, <paramref name="activeCounts"/> for the unfinished) and one <paramref name="page"/> of trial rows.
    /// </summary>
    public static SweepStatus Status(
        string sweepId,
        SweepGrainState state,
        SearchProgress progress,
        int offset,
        IReadOnlyList<TrialSummary> page,
        IEnumerable<(TrialState State, int Count)> activeCounts)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(activeCounts);
        var counts = new Dictionary<TrialState, int>(state.FinishedCounts);
        foreach (var (trialState, count) in activeCounts)
        {
            counts[trialState] = count;
        }

        return new SweepStatus(
            sweepId, state.Name, state.State, progress.Round, progress.Bounds, progress.Phase.ToWire(), state.NextTrialNumber - 1, counts,
            offset, page, state.TrialEpochsUsed, state.CreatedAt, state.FinishedAt, progress.History, progress.BoundsSource, state.FirstFailure);
    }

    /// <summary>The best finished training trials, best first, at most <paramref name="top"/>.</summary>
    public static IReadOnlyList<BestTrial> Best(SweepGrainState state, int top)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Best.Take(Math.Max(0, top)).ToList();
    }

    /// <summary>The row of a trial in the sweep's trial table, from everything its grain knows.</summary>
    public static TrialSummary Row(TrialView trial, TrialProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return new TrialSummary(
            trial.TrialId, proposal, trial.State, trial.Attempts, trial.ResumedFromEpoch, trial.Worker, trial.Accuracy,
            trial.Epochs.Count, trial.Epochs.Count > 0 ? trial.Epochs[^1] : null, trial.RangeTestProgress);
    }

    /// <summary>The row of a trial the sweep has proposed but whose grain holds nothing yet.</summary>
    public static TrialSummary PendingRow(string trialId, TrialProposal proposal) =>
        new(trialId, proposal, TrialState.Pending, 0, null, null, null, 0);

    /// <summary>
    /// How many of the unfinished trials are pending and how many running, from their states (null: not known yet,
    /// which counts as pending). Both are always given, zero or not, so a status says "0 running" rather than nothing.
    /// </summary>
    public static IEnumerable<(TrialState State, int Count)> ActiveCounts(IEnumerable<TrialState?> activeStates)
    {
        ArgumentNullException.ThrowIfNull(activeStates);
        var pending = 0;
        var running = 0;
        foreach (var state in activeStates)
        {
            if (state == TrialState.Running)
            {
                running++;
            }
            else
            {
                pending++;
            }
        }

        return [(TrialState.Pending, pending), (TrialState.Running, running)];
    }

    /// <summary>The catalog's sweeps, newest first (ties by id, so the order is stable).</summary>
    public static IReadOnlyList<SweepListing> Listing(SweepCatalogState catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Sweeps.Values
            .OrderByDescending(s => s.CreatedAt)
            .ThenBy(s => s.SweepId, StringComparer.Ordinal)
            .ToList();
    }
}
