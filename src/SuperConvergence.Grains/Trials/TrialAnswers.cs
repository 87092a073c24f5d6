namespace SuperConvergence.Grains.Trials;

/// <summary>
/// What a trial grain answers, computed from its persisted state: the grain answers with it, and so does a reader of an
/// embedded cluster's store with no silo running (sc trial show --data-dir), so both print the same.
/// </summary>
public static class TrialAnswers
{
    /// <summary>
    /// Everything known about the trial. <paramref name="reportedProgress"/> is a running range test's newest progress,
    /// which only the live grain holds (in memory); a reader of the store passes null.
    /// </summary>
    public static TrialView View(string trialId, TrialGrainState state, RangeTestProgress? reportedProgress)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new TrialView(
            trialId, state.Definition, state.State, state.Attempts, state.ResumedFromEpoch, state.Worker, state.Epochs.ToList(), state.Accuracy,
            state.Curve, state.Error, state.StartedAt, state.FinishedAt, RangeTestProgressOf(state, reportedProgress), state.Hessian,
            state.ResumedFromStep);
    }

    /// <summary>Where a finished range test's curve ended; else the newest report while it runs (null without one).</summary>
    public static RangeTestProgress? RangeTestProgressOf(TrialGrainState state, RangeTestProgress? reportedProgress)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Curve is { } curve && state.Definition?.Proposal is RangeTestProposal { Config: var config }
            ? RangeTestProgressCounter.OfCurve(curve, config.Iterations)
            : reportedProgress;
    }
}
