namespace SuperConvergence.Grains.Sweeps;

/// <summary>The coordinator's part in the sweep gauges: a snapshot after every change the gauges show.</summary>
public sealed partial class SweepGrain
{
    /// <summary>
    /// Costs the unfinished trials and the rounds, never the finished trials: the counts are the grain's own, so a
    /// sweep of 100,000 trials publishes as cheaply as a small one.
    /// </summary>
    private void PublishSnapshot()
    {
        if (!_scheduler.IsLoaded)
        {
            return;
        }

        var progress = _scheduler.Strategy.Progress;
        _snapshots.Publish(new SweepSnapshot(
            SweepId,
            S.Name,
            S.State == SweepState.Running,
            progress.Round,
            progress.Bounds,
            S.Best.Count > 0 ? S.Best[0].Accuracy : null,
            SweepTrialCounts.Of(S.FinishedCounts, _scheduler.Index.ActiveCounts(S.Active.Keys)),
            S.TrialEpochsUsed,
            _scheduler.Spec.Budget.TrialEpochs));
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _snapshots.Withdraw(SweepId);
        return base.OnDeactivateAsync(reason, cancellationToken);
    }
}
