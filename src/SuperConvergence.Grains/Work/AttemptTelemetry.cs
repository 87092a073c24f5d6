namespace SuperConvergence.Grains.Work;

/// <summary>
/// What one attempt tells /metrics, from the worker where the data already is: its live curve (<see cref="LiveTrials"/>),
/// epoch and checkpoint timings, and how it ended. Costs an allocation and a dictionary write per epoch, never a grain
/// call or a store write.
/// </summary>
internal sealed class AttemptTelemetry(TrialLease lease, string slot, SweepMetrics metrics, LiveTrials live, TimeProvider clock) : IDisposable
{
    private readonly CyclePlan? _plan = lease.Definition.Proposal is TrainingProposal { Config: var train } ? new CyclePlan(train) : null;
    private long _epochStarted = clock.GetTimestamp();
    private bool _ended;

    public TimeProvider Clock => clock;

    public void Started()
    {
        live.AttemptStarted(slot, lease);
        _epochStarted = clock.GetTimestamp();
    }

    /// <summary>Training (re)starts now: the first epoch's time counts from here, not from the checkpoint's load.</summary>
    public void TrainingStarted() => _epochStarted = clock.GetTimestamp();

    public void EpochCompleted(EpochMetrics epoch)
    {
        var now = clock.GetTimestamp();
        metrics.EpochTimed(clock.GetElapsedTime(_epochStarted, now));
        _epochStarted = now;
        if (_plan is not null)
        {
            live.EpochCompleted(lease.TrialId, epoch, _plan);
        }
    }

    public void StepTaken(in TrainingStep step)
    {
        if (_plan is not null)
        {
            live.StepTaken(lease.TrialId, step, _plan);
        }
    }

    public void RangeTestProgressed(RangeTestProgress progress) => live.RangeTestProgressed(lease.TrialId, progress);

    public void CheckpointSaved(long started, long bytes) => metrics.CheckpointSaved(clock.GetElapsedTime(started), bytes);

    public void CheckpointLoaded(long started) => metrics.CheckpointLoaded(clock.GetElapsedTime(started));

    public void Ended(AttemptOutcome outcome)
    {
        metrics.AttemptEnded(lease.Definition.Proposal.Kind, outcome);
        live.AttemptEnded(slot, lease.TrialId);
        _ended = true;
    }

    /// <summary>An attempt that ends without <see cref="Ended"/> (it threw) still takes its series with it.</summary>
    public void Dispose()
    {
        if (!_ended)
        {
            live.AttemptEnded(slot, lease.TrialId);
        }
    }
}
