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

    /// <summary>How often a report to the cluster is tried before the attempt gives up and hands its trial back.</summary>
    private const int ReportTries = 6;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _stop = stop;
        var handBack = false;
        try
        {
            var completion = await TrainAsync(stop.Token);
            if (completion is not null)
            {
                await ReportAsync(() => trial.Complete(lease.Attempt, completion), CancellationToken.None);
            }
        }
        catch (Exception e) when (e is ClusterUnreachableException or OrleansException or TimeoutException)
        {
            // The result could not be recorded (a silo died and the cluster has not noticed yet, say): the trial goes
            // back to the queue and resumes from its last recorded checkpoint, so nothing is lost or counted twice.
            LogReportFailed(lease.TrialId, lease.Attempt, e.Message);
            handBack = true;
        }
        finally
        {
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

    public async ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        if (metrics.Epoch >= lease.Definition.Proposal.Train!.CycleEpochs)
        {
            // The cycle's last epoch: its metrics travel with the completion report that follows at once, and a
            // checkpoint nobody would resume from is not worth a write on every trial's critical path.
            return;
        }

        var reference = await checkpoints.SaveAsync(lease.TrialId, checkpoint.Epoch, checkpoint.State, cancellationToken);
        if (!await ReportAsync(() => trial.ReportEpoch(lease.Attempt, metrics, reference), cancellationToken))
        {
            // This attempt is no longer the trial's current one (cancelled, or superseded): stop training.
            await _stop!.CancelAsync();
        }
    }

    /// <summary>A call to the cluster, retried with a growing pause while the cluster cannot be reached.</summary>
    private static async Task<T> ReportAsync<T>(Func<Task<T>> report, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await report();
            }
            catch (Exception e) when (e is OrleansException or TimeoutException && attempt < ReportTries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * (1 << attempt)), cancellationToken);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                throw new ClusterUnreachableException(e.Message, e);
            }
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
        catch (ClusterUnreachableException)
        {
            throw;
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

    /// <summary>The cluster did not take a report after several tries: not the trainer's fault.</summary>
    private sealed class ClusterUnreachableException(string message, Exception inner) : Exception(message, inner);
}
