using System.Diagnostics;

namespace SuperConvergence.Grains.Work;

/// <summary>
/// One attempt at a trial, run on the thread pool: loads the checkpoint, trains, hands every epoch's metrics and
/// checkpoint to an <see cref="EpochReporter"/> that records them in the background (a range test's progress to a
/// <see cref="RangeTestReporter"/>), reports the end once they have all landed, and tells its worker grain the slot is
/// free. It never throws. When its silo stops (<see cref="WorkerPreemption"/>), training stops at its next step and
/// the attempt hands its trial back with a checkpoint of that step and the epochs not yet reported; a range test,
/// which has no checkpoints, is stopped and handed back to start again elsewhere.
/// </summary>
internal sealed partial class TrialAttempt(
    TrialLease lease,
    ITrialGrain trial,
    IWorkerGrain worker,
    ITrainerProvider trainers,
    ICheckpointStore checkpoints,
    TimeSpan minReportInterval,
    AttemptTelemetry telemetry,
    ILogger logger,
    CancellationToken preemption) : ITrainingObserver
{
    private TimeProvider Clock => telemetry.Clock;

    private EpochReporter? _reporter;
    private CancellationTokenSource? _stop;

    public CancellationToken Preemption => preemption;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _stop = stop;
        using var reporter = new EpochReporter(lease, trial, checkpoints, () => stop.CancelAsync(), minReportInterval, Clock, telemetry, logger, cancellationToken);
        _reporter = reporter;
        var handBack = false;
        telemetry.Started();
        try
        {
            var completion = await TrainAsync(stop.Token);
            if (completion is not null)
            {
                await EpochReporter.RetryAsync(() => trial.Complete(lease.Attempt, completion), CancellationToken.None);
            }
            else if (preemption.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Stopped because the silo stops, not because the lease went: the trial goes back to the queue.
                handBack = true;
            }

            telemetry.Ended(handBack ? AttemptOutcome.HandedBack : completion?.State switch
            {
                TrialState.Completed => AttemptOutcome.Completed,
                TrialState.Diverged => AttemptOutcome.Diverged,
                TrialState.Failed => AttemptOutcome.Failed,
                _ => AttemptOutcome.Stopped,
            });
        }
        catch (ClusterUnreachableException e)
        {
            // The result could not be recorded (a silo died and the cluster has not noticed yet, say): the trial goes
            // back to the queue and resumes from its last recorded checkpoint, so nothing is lost or counted twice.
            LogReportFailed(lease.TrialId, lease.Attempt, e.Message);
            handBack = true;
            telemetry.Ended(AttemptOutcome.HandedBack);
        }
        finally
        {
            telemetry.Dispose();
            try
            {
                await worker.OnAttemptEnded(lease.TrialId, handBack);
            }
            catch (Exception e)
            {
                // The slot cannot be freed now; the lease expires and the queue requeues the trial.
                LogReportFailed(lease.TrialId, lease.Attempt, e.Message);
            }
        }
    }

    public void OnStep(in TrainingStep step) => telemetry.StepTaken(step);

    public ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        telemetry.EpochCompleted(metrics);
        if (lease.Definition.Proposal is TrainingProposal { Config.CycleEpochs: var cycleEpochs } && metrics.Epoch < cycleEpochs)
        {
            _reporter!.Add(metrics, checkpoint);
        }

        // The cycle's last epoch travels with the completion report that follows at once, and a checkpoint nobody
        // would resume from is not worth a write on every trial's critical path.
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The attempt's end to record once every epoch report in flight has landed, with the epochs that were still
    /// waiting to be reported, or null when there is nothing to record (the
    /// attempt was stopped). Throws <see cref="ClusterUnreachableException"/> when the reports could not be sent.
    /// </summary>
    private async Task<TrialCompletion?> TrainAsync(CancellationToken cancellationToken)
    {
        TrialCompletion? completion;
        TrainingCheckpoint? preemptedAt = null;
        try
        {
            completion = await RunTrainerAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            completion = null;
        }
        catch (TrainingPreemptedException e)
        {
            completion = null;
            preemptedAt = e.Checkpoint;
        }
        catch (Exception e) when (e is not ClusterUnreachableException)
        {
            completion = Failed(e);
        }

        IReadOnlyList<EpochMetrics> unreported;
        try
        {
            // A report that failed is also why training stopped: surface it here.
            unreported = await _reporter!.FinishAsync();
        }
        catch (Exception e) when (e is not ClusterUnreachableException and not OperationCanceledException)
        {
            return Failed(e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        if (preemptedAt is not null)
        {
            await _reporter.HandBackAsync(preemptedAt, unreported);
            return null;
        }

        return completion is not null && unreported.Count > 0 ? completion with { Unreported = unreported } : completion;
    }

    private async Task<TrialCompletion> RunTrainerAsync(CancellationToken cancellationToken)
    {
        var trainer = trainers.Get(lease.Definition.TrainerSpec, new TrialRun(lease.Definition.SweepId, lease.TrialId, lease.Attempt));
        return lease.Definition.Proposal switch
        {
            RangeTestProposal { Config: var rangeTest } => await RunRangeTestAsync(trainer, rangeTest, cancellationToken),
            TrainingProposal { Config: var training } => await RunTrainingAsync(trainer, training, cancellationToken),
            var other => throw new UnreachableException($"a trial proposal of unknown kind {other.Kind}"),
        };
    }

    private async Task<TrialCompletion> RunRangeTestAsync(ITrainer trainer, RangeTestConfig config, CancellationToken cancellationToken)
    {
        // No checkpoints to resume a range test from: stopping the silo stops it, and it starts again elsewhere.
        await using var preempted = preemption.Register(() => _stop!.Cancel());
        using var progress = new RangeTestReporter(lease, trial, () => _stop!.CancelAsync(), minReportInterval, Clock, logger, telemetry.RangeTestProgressed);
        RangeTestOutcome curve;
        try
        {
            curve = await trainer.RangeTestAsync(config, progress, cancellationToken);
        }
        finally
        {
            // No progress report may land after the result.
            await progress.StopAsync();
        }

        return new TrialCompletion(TrialState.Completed, null, curve.Points, null, curve.Hessian);
    }

    private async Task<TrialCompletion> RunTrainingAsync(ITrainer trainer, TrialConfig config, CancellationToken cancellationToken)
    {
        var resumeFrom = await LoadCheckpointAsync(cancellationToken);
        telemetry.TrainingStarted();
        var outcome = await trainer.TrainAsync(config, resumeFrom, this, cancellationToken);
        return new TrialCompletion(outcome.Status.ToState(), outcome.Last, null, null);
    }

    private TrialCompletion Failed(Exception e)
    {
        LogTrainerFailed(lease.TrialId, lease.Attempt, e);
        return new TrialCompletion(TrialState.Failed, null, null, $"{e.GetType().Name}: {e.Message}");
    }

    private async Task<TrainingCheckpoint?> LoadCheckpointAsync(CancellationToken cancellationToken)
    {
        if (lease.CheckpointReference is null || lease.ResumeFromEpoch is not int epoch)
        {
            return null;
        }

        // A database that cannot be reached is not the trial's fault: retried, then the trial is handed back.
        var started = Clock.GetTimestamp();
        var state = await EpochReporter.RetryAsync(() => checkpoints.LoadAsync(lease.CheckpointReference, cancellationToken), cancellationToken);
        if (state is null)
        {
            LogCheckpointMissing(lease.TrialId, lease.CheckpointReference);
            return null;
        }

        telemetry.CheckpointLoaded(started);

        return new TrainingCheckpoint(epoch, state, lease.ResumeFromStep);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Trial {TrialId} attempt {Attempt}: the trainer failed")]
    private partial void LogTrainerFailed(string trialId, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial {TrialId} attempt {Attempt}: could not report to the cluster: {Reason}")]
    private partial void LogReportFailed(string trialId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial {TrialId}: checkpoint {Reference} is gone; starting over")]
    private partial void LogCheckpointMissing(string trialId, string reference);
}
