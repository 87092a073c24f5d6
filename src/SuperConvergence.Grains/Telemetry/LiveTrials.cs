using System.Collections.Concurrent;

namespace SuperConvergence.Grains.Telemetry;

/// <summary>
/// The trials this silo's slots are running and the slots themselves, which the per-trial and per-slot gauges report
/// on every scrape. Workers update it where the data already is (the attempt's own thread, once per epoch, no grain
/// call); a trial's series end when its attempt does, so their number is bounded by the silo's slots.
/// </summary>
public sealed class LiveTrials
{
    private const string Idle = "";

    private readonly ConcurrentDictionary<string, LiveTrial> _trials = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _slots = new(StringComparer.Ordinal);

    public LiveTrials(IMeterFactory meters) => LiveTrialGauges.Observe(meters.Create(SweepMetrics.MeterName), this);

    /// <summary>Every running trial, read without locking.</summary>
    public IEnumerable<LiveTrial> Trials => _trials.Select(entry => entry.Value);

    /// <summary>Every slot of this silo with the trial it runs ("" when idle).</summary>
    public IEnumerable<KeyValuePair<string, string>> Slots => _slots;

    public LiveTrial? Find(string trialId) => _trials.GetValueOrDefault(trialId);

    /// <summary>A slot came up (idle).</summary>
    public void SlotOpened(string slot) => _slots.TryAdd(slot, Idle);

    /// <summary>A slot went away with its grain: its series end.</summary>
    public void SlotClosed(string slot) => _slots.TryRemove(slot, out _);

    public void AttemptStarted(string slot, TrialLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        _trials[lease.TrialId] = new LiveTrial(lease.Definition.SweepId, lease.TrialId, slot, lease.Definition.Proposal.Kind, (lease.Definition.Proposal as TrainingProposal)?.Config, null, null, null);
        _slots[slot] = lease.TrialId;
    }

    public void EpochCompleted(string trialId, EpochMetrics metrics, CyclePlan plan)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(plan);
        if (_trials.TryGetValue(trialId, out var trial))
        {
            // A trainer that reports steps has already placed the schedule more precisely than an epoch's end can.
            _trials.TryUpdate(
                trialId,
                trial with
                {
                    Epoch = new LiveEpoch(metrics.Epoch, plan.CycleEpochs, metrics.TrainLoss, metrics.TestLoss, metrics.TestAccuracy, metrics.ImagesPerSecond),
                    Schedule = trial.Schedule is { StepsTaken: not null } ? trial.Schedule : LiveSchedulePoint.AtEndOf(metrics, plan),
                },
                trial);
        }
    }

    /// <summary>
    /// A training trial's trainer took a step (on the training thread, after every step): costs a schedule lookup, an
    /// allocation and a dictionary write, no lock. An update racing the attempt's end is dropped, never resurrected.
    /// </summary>
    public void StepTaken(string trialId, in TrainingStep step, CyclePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (_trials.TryGetValue(trialId, out var trial))
        {
            _trials.TryUpdate(trialId, trial with { Schedule = LiveSchedulePoint.AtStep(step, plan) }, trial);
        }
    }

    public void RangeTestProgressed(string trialId, RangeTestProgress progress)
    {
        if (_trials.TryGetValue(trialId, out var trial))
        {
            _trials.TryUpdate(trialId, trial with { RangeTest = progress }, trial);
        }
    }

    /// <summary>The attempt ended (whichever way): the trial's series end and its slot is idle.</summary>
    public void AttemptEnded(string slot, string trialId)
    {
        _trials.TryRemove(trialId, out _);
        _slots.TryUpdate(slot, Idle, trialId);
    }
}
