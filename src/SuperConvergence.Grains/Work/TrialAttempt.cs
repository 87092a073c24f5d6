using SuperConvergence.Core.Persistence;
using Microsoft.Extensions.Logging;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Grains.Work;

/// <summary>
/// One attempt at a trial, run on the thread pool: loads the checkpoint, trains, saves a checkpoint and reports
/// after every epoch, reports the end, and tells its worker grain the slot is free. It never throws.
/// </summary>
internal sealed partial class TrialAttempt(
    TrialLease lease,
    ITrialGrain trial,
    IWorkerGrain worker,
    ITrainerProvider trainers,
    ICheckpointStore checkpoints,
    ILogger logger) : ITrainingObserver
{
    private CancellationTokenSource? _stop;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _stop = stop;
        try
        {
            var completion = await TrainAsync(stop.Token);
            if (completion is not null)
            {
                await trial.Complete(lease.Attempt, completion);
            }
        }
        catch (Exception e)
        {
            // Reporting failed (the cluster is shutting down, say): the lease expires and the trial is retried.
            LogReportFailed(lease.TrialId, lease.Attempt, e.Message);
        }
        finally
        {
            try
            {
                await worker.OnAttemptEnded(lease.TrialId);
            }
            catch (Exception e)
            {
                LogReportFailed(lease.TrialId, lease.Attempt, e.Message);
            }
        }
    }

    public async ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var reference = await checkpoints.SaveAsync(lease.TrialId, checkpoint.Epoch, checkpoint.State, cancellationToken);
        if (!await trial.ReportEpoch(lease.Attempt, metrics, reference))
        {
            // This attempt is no longer the trial's current one (cancelled, or superseded): stop training.
            await _stop!.CancelAsync();
        }
    }

    /// <summary>The attempt's end to record, or null when there is nothing to record (the attempt was stopped).</summary>
    private async Task<TrialCompletion?> TrainAsync(CancellationToken cancellationToken)
    {
        try
        {
            var trainer = trainers.Get(lease.Definition.TrainerSpec);
            var proposal = lease.Definition.Proposal;
            if (proposal.Kind == TrialKind.RangeTest)
            {
                var curve = await trainer.RangeTestAsync(proposal.RangeTest!, cancellationToken);
                return new TrialCompletion(TrialState.Completed, null, curve.Points, null);
            }

            var resumeFrom = await LoadCheckpointAsync(cancellationToken);
            var outcome = await trainer.TrainAsync(proposal.Train!, resumeFrom, this, cancellationToken);
            var state = outcome.Status == TrainingStatus.Diverged ? TrialState.Diverged : TrialState.Completed;
            return new TrialCompletion(state, outcome.Last, null, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            LogTrainerFailed(lease.TrialId, lease.Attempt, e);
            return new TrialCompletion(TrialState.Failed, null, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task<TrainingCheckpoint?> LoadCheckpointAsync(CancellationToken cancellationToken)
    {
        if (lease.CheckpointReference is null || lease.ResumeFromEpoch is not int epoch)
        {
            return null;
        }

        var state = await checkpoints.LoadAsync(lease.CheckpointReference, cancellationToken);
        if (state is null)
        {
            LogCheckpointMissing(lease.TrialId, lease.CheckpointReference);
            return null;
        }

        return new TrainingCheckpoint(epoch, state);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Trial {TrialId} attempt {Attempt}: the trainer failed")]
    private partial void LogTrainerFailed(string trialId, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial {TrialId} attempt {Attempt}: could not report to the cluster: {Reason}")]
    private partial void LogReportFailed(string trialId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial {TrialId}: checkpoint {Reference} is gone; starting over")]
    private partial void LogCheckpointMissing(string trialId, string reference);
}
