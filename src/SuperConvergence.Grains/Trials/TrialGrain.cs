using SuperConvergence.Grains.Sweeps;

namespace SuperConvergence.Grains.Trials;

/// <summary>
/// One trial. It is the single authority on its attempts: a report from any attempt but the current one is
/// refused, and the final result is written once, before the coordinator hears of it.
/// </summary>
public sealed partial class TrialGrain(
    [PersistentState(GrainStateNames.Trial, StorageNames.Default)] IPersistentState<TrialGrainState> state,
    ICheckpointStore checkpoints,
    SweepMetrics metrics,
    TimeProvider clock,
    ILogger<TrialGrain> logger) : Grain, ITrialGrain
{
    // In memory only: a report a second is not worth a write, and the next one restores it after a restart.
    private RangeTestProgress? _rangeTestProgress;

    private TrialGrainState S => state.State;

    private string TrialId => this.GetPrimaryKeyString();

    public async Task Initialize(TrialDefinition definition)
    {
        if (S.Definition is not null)
        {
            if (S.Definition != definition)
            {
                throw new InvalidOperationException($"trial {TrialId} already exists with another definition");
            }

            return;
        }

        S.Definition = definition;
        S.State = TrialState.Pending;
        await state.WriteDurablyAsync();
    }

    public async Task<TrialLease?> BeginAttempt(string workerId)
    {
        if (S.Definition is null || S.State.IsFinal())
        {
            return null;
        }

        // The queue grants one lease per trial; a Running state here means an earlier attempt was given up
        // without reaching us, so the new attempt supersedes it.
        S.Attempts++;
        S.State = TrialState.Running;
        S.Worker = workerId;
        S.StartedAt ??= clock.GetUtcNow();
        _rangeTestProgress = null;
        if (S.Attempts > 1 && S.CheckpointEpoch is int resumeEpoch)
        {
            S.ResumedFromEpoch = resumeEpoch;
            S.ResumedFromStep = S.CheckpointStep > 0 ? S.CheckpointStep : null;
            S.Epochs.RemoveAll(e => e.Epoch > resumeEpoch);
        }
        else if (S.CheckpointEpoch is null)
        {
            S.Epochs.Clear();
        }

        await state.WriteDurablyAsync();
        metrics.AttemptStarted(S.Definition.Proposal.Kind, S.Attempts);
        LogAttemptStarted(TrialId, S.Attempts, workerId, S.ResumedFromEpoch, S.ResumedFromStep ?? 0);
        await Sweep.OnTrialStarted(Summary());
        var resumes = S.Attempts > 1 && S.CheckpointReference is not null;
        return new TrialLease(TrialId, S.Attempts, S.Definition, S.Attempts > 1 ? S.CheckpointEpoch : null, S.Attempts > 1 ? S.CheckpointReference : null,
            resumes ? S.CheckpointStep : 0);
    }

    public async Task<bool> ReportEpochs(int attempt, IReadOnlyList<EpochMetrics> epochs, string? checkpointReference)
    {
        if (epochs.Count == 0)
        {
            throw new ArgumentException("epochs: an empty report", nameof(epochs));
        }

        if (!IsCurrent(attempt))
        {
            return false;
        }

        S.Epochs.RemoveAll(e => e.Epoch >= epochs[0].Epoch);
        S.Epochs.AddRange(epochs);
        if (checkpointReference is not null)
        {
            S.CheckpointReference = checkpointReference;
            S.CheckpointEpoch = epochs[^1].Epoch;
            S.CheckpointStep = 0;
        }

        await state.WriteDurablyAsync();
        metrics.EpochsRecorded(epochs.Count);
        await Sweep.OnTrialProgress(TrialId, S.Epochs.Count, S.Epochs[^1]);
        return true;
    }

    public async Task<bool> HandBack(int attempt, IReadOnlyList<EpochMetrics> epochs, TrialHandBack checkpoint)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!IsCurrent(attempt))
        {
            // A retry of a hand-back that landed is no error; any other stale attempt records nothing.
            return S.State == TrialState.Pending && S.HandedBackAttempt == attempt && S.Attempts == attempt;
        }

        if (epochs.Count > 0)
        {
            S.Epochs.RemoveAll(e => e.Epoch >= epochs[0].Epoch);
            S.Epochs.AddRange(epochs);
            metrics.EpochsRecorded(epochs.Count);
        }

        if (checkpoint.Reference is not null)
        {
            S.CheckpointReference = checkpoint.Reference;
            S.CheckpointEpoch = checkpoint.Epoch;
            S.CheckpointStep = checkpoint.StepInEpoch;
        }

        S.State = TrialState.Pending;
        S.HandedBackAttempt = attempt;
        await state.WriteDurablyAsync();
        LogHandedBack(TrialId, attempt, S.Worker, S.CheckpointEpoch, S.CheckpointStep);
        if (epochs.Count > 0)
        {
            await Sweep.OnTrialProgress(TrialId, S.Epochs.Count, S.Epochs[^1]);
        }

        return true;
    }

    public async Task<bool> ReportRangeTestProgress(int attempt, RangeTestProgress progress)
    {
        if (!IsCurrent(attempt))
        {
            return false;
        }

        _rangeTestProgress = progress;
        await Sweep.OnRangeTestProgress(TrialId, progress);
        return true;
    }

    public async Task<bool> Complete(int attempt, TrialCompletion completion)
    {
        if (S.State.IsFinal())
        {
            // A retried report of the attempt that finished: make sure the coordinator heard, record nothing.
            if (attempt == S.Attempts)
            {
                await NotifyFinishedAsync();
                return true;
            }

            return false;
        }

        if (!IsCurrent(attempt))
        {
            return false;
        }

        if (!completion.State.IsFinal())
        {
            throw new ArgumentException($"completion.state: '{completion.State}' is not a final state", nameof(completion));
        }

        S.State = completion.State;
        if (completion.Unreported is { Count: > 0 } unreported)
        {
            S.Epochs.RemoveAll(e => e.Epoch >= unreported[0].Epoch);
            S.Epochs.AddRange(unreported);
            metrics.EpochsRecorded(unreported.Count);
        }

        if (completion.Final is { } last && !S.Epochs.Any(e => e.Epoch == last.Epoch))
        {
            S.Epochs.Add(last);
        }

        // An attempt resumed from the last epoch's checkpoint trains nothing more; the result is that epoch's.
        S.Accuracy = (completion.Final ?? S.Epochs.LastOrDefault())?.TestAccuracy;
        if (S.State == TrialState.Completed && S.Accuracy is double accuracy)
        {
            metrics.AccuracyRecorded(accuracy);
        }

        S.Curve = completion.Curve?.ToList();
        S.Hessian = completion.Hessian;
        S.Error = completion.Error;
        S.FinishedAt = clock.GetUtcNow();
        await state.WriteDurablyAsync();
        metrics.TrialFinished(S.Definition!.Proposal.Kind, S.State);
        LogTrialFinished(TrialId, S.State, S.Accuracy, S.Attempts);
        await DropCheckpointsAsync();
        await NotifyFinishedAsync();
        LeaveMemoryWhenIdle();
        return true;
    }

    public async Task AbandonAttempt(string workerId)
    {
        if (S.State != TrialState.Running || S.Worker != workerId)
        {
            return;
        }

        S.State = TrialState.Pending;
        await state.WriteDurablyAsync();
        LogAttemptAbandoned(TrialId, S.Attempts, workerId, S.CheckpointEpoch);
    }

    public async Task Cancel()
    {
        if (S.Definition is null || S.State.IsFinal())
        {
            return;
        }

        S.State = TrialState.Cancelled;
        S.FinishedAt = clock.GetUtcNow();
        await state.WriteDurablyAsync();
        metrics.TrialFinished(S.Definition.Proposal.Kind, S.State);
        await DropCheckpointsAsync();
        await NotifyFinishedAsync();
        LeaveMemoryWhenIdle();
    }

    public Task<TrialView> Get() => Task.FromResult(View());

    /// <summary>
    /// A finished trial is read rarely (its sweep keeps its summary), so it need not stay in memory for the idle
    /// collection age: a sweep of 100,000 trials would otherwise hold them all until long after they finished.
    /// </summary>
    private void LeaveMemoryWhenIdle() => DeactivateOnIdle();

    private bool IsCurrent(int attempt) => S.State == TrialState.Running && attempt == S.Attempts;

    private ISweepGrain Sweep => GrainFactory.GetGrain<ISweepGrain>(S.Definition!.SweepId);

    private Task NotifyFinishedAsync() => Sweep.OnTrialFinished(View());

    private async Task DropCheckpointsAsync()
    {
        if (S.CheckpointReference is null)
        {
            return;
        }

        try
        {
            await checkpoints.DeleteTrialAsync(TrialId, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // A leftover checkpoint wastes space but loses nothing; the result is already recorded.
            LogCheckpointCleanupFailed(TrialId, e.Message);
        }
    }

    private TrialView View() => TrialAnswers.View(TrialId, S, _rangeTestProgress);

    /// <summary>The trial's row in its sweep's table, mapped as the sweep maps every view it reads.</summary>
    private TrialSummary Summary() => SweepAnswers.Row(View(), S.Definition!.Proposal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trial {TrialId} attempt {Attempt} started on {Worker} (resuming after epoch {ResumeEpoch}, step {ResumeStep} of the next)")]
    private partial void LogAttemptStarted(string trialId, int attempt, string worker, int? resumeEpoch, int resumeStep);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trial {TrialId} attempt {Attempt} handed back by {Worker}, which is stopping; checkpoint after epoch {CheckpointEpoch}, step {CheckpointStep} of the next")]
    private partial void LogHandedBack(string trialId, int attempt, string? worker, int? checkpointEpoch, int checkpointStep);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trial {TrialId} finished {State} with accuracy {Accuracy} after {Attempts} attempt(s)")]
    private partial void LogTrialFinished(string trialId, TrialState state, double? accuracy, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial {TrialId} attempt {Attempt} on {Worker} abandoned; last checkpoint after epoch {CheckpointEpoch}")]
    private partial void LogAttemptAbandoned(string trialId, int attempt, string worker, int? checkpointEpoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial {TrialId}: could not delete checkpoints: {Reason}")]
    private partial void LogCheckpointCleanupFailed(string trialId, string reason);
}
