namespace SuperConvergence.Grains.Work;

/// <summary>
/// Sends an attempt's epoch reports to its trial grain in the background, in order, so training never waits on the
/// cluster: an epoch's report is in flight while the next one trains. Epochs that finish while a report is in flight
/// go together in the next one, with only the newest checkpoint saved (nothing would resume from the older ones),
/// so a slow store or a busy coordinator costs fewer, larger writes instead of stalling every trial. Reports are also
/// at least <c>minInterval</c> apart (Ray Tune buffers results for the same reason): epochs shorter than that are
/// recorded in groups, all of them, and the end of training sends what waits at once.
/// </summary>
internal sealed partial class EpochReporter : IDisposable
{
    /// <summary>How often a report is tried while the cluster cannot be reached before the attempt gives up.</summary>
    public const int ReportTries = 6;

    private readonly TrialLease _lease;
    private readonly ITrialGrain _trial;
    private readonly ICheckpointStore _checkpoints;
    private readonly TimeProvider _clock;
    private readonly AttemptTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly CancellationToken _cancellationToken;
    private readonly PacedSender<(EpochMetrics Epoch, TrainingCheckpoint Checkpoint)> _sender;

    public EpochReporter(TrialLease lease, ITrialGrain trial, ICheckpointStore checkpoints, Func<Task> stopTraining, TimeSpan minInterval,
        TimeProvider clock, AttemptTelemetry telemetry, ILogger logger, CancellationToken cancellationToken)
    {
        _lease = lease;
        _trial = trial;
        _checkpoints = checkpoints;
        _clock = clock;
        _telemetry = telemetry;
        _logger = logger;
        _cancellationToken = cancellationToken;
        _sender = PacedSender<(EpochMetrics, TrainingCheckpoint)>.AllInOrder(SendAsync, stopTraining, minInterval, clock, cancellationToken);
    }

    public void Add(EpochMetrics metrics, TrainingCheckpoint checkpoint) => _sender.Post((metrics, checkpoint));

    /// <summary>
    /// Ends the reports once training has ended: waits for the report in flight (if any) to land and hands back the
    /// epochs that were still waiting, unsent, to travel with the completion report — at the end of every trial one
    /// write instead of two, with no checkpoint saved that nothing would resume from. Throws what stopped the reports:
    /// a store that failed, or (<see cref="ClusterUnreachableException"/>) a cluster that would not answer. Empty when
    /// the reports were stopped (the attempt is no longer the trial's current one).
    /// </summary>
    public async Task<IReadOnlyList<EpochMetrics>> FinishAsync() => (await _sender.FinishAsync()).Select(w => w.Epoch).ToList();

    /// <summary>
    /// Hands the trial back once training stopped for preemption and <see cref="FinishAsync"/> returned
    /// <paramref name="unreported"/>: saves the checkpoint taken where it stopped (none when it stopped before its first
    /// step) and records it with those epochs in one call, leaving the trial pending. The checkpoint is saved under
    /// its whole epochs, replacing that epoch's end (a later one in the same run, so resuming from either is the same
    /// run); should the call not land, the trial's record still names that key and resumes from what it now holds.
    /// </summary>
    public async Task HandBackAsync(TrainingCheckpoint checkpoint, IReadOnlyList<EpochMetrics> unreported)
    {
        var reference = checkpoint is { Epoch: 0, IsMidEpoch: false } ? null : await SaveCheckpointAsync(checkpoint);
        await RetryAsync(() => _trial.HandBack(_lease.Attempt, unreported, new TrialHandBack(reference, checkpoint.Epoch, checkpoint.StepInEpoch)), _cancellationToken);
    }

    public void Dispose() => _sender.Dispose();

    /// <summary>
    /// A call to the cluster or to its storage, retried with a growing pause (0.5, 1, 2, 4, 8 s) while either cannot be
    /// reached: a silo that died and is not yet declared dead, a database restarting or away. Then
    /// <see cref="ClusterUnreachableException"/>: the attempt hands its trial back, to resume from its last recorded
    /// checkpoint once the cluster answers again.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (IsUnreachable(e) && attempt < ReportTries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * (1 << attempt)), cancellationToken);
            }
            catch (Exception e) when (IsUnreachable(e))
            {
                throw new ClusterUnreachableException(e.Message, e);
            }
        }
    }

    /// <summary>
    /// A failure that says nothing about the trial: the cluster did not answer (Orleans, timeout), or the database a
    /// checkpoint goes to was unreachable or shutting down (a transient driver error: connection refused or reset,
    /// PostgreSQL's 57P01 on a restart).
    /// </summary>
    private static bool IsUnreachable(Exception e) =>
        e is OrleansException or TimeoutException || Storage.DurableStateWrites.IsTransient(e);

    /// <summary>A checkpoint store's refusal that retrying will not mend (no space, no permission, a database error).</summary>
    private static bool RefusedByStore(Exception e) =>
        e is IOException or UnauthorizedAccessException or System.Data.Common.DbException;

    /// <summary>
    /// Records a batch of epochs with only the newest checkpoint saved (nothing would resume from the older ones); false
    /// when this attempt is no longer the trial's current one (cancelled, or superseded): training then stops.
    /// </summary>
    private async Task<bool> SendAsync(IReadOnlyList<(EpochMetrics Epoch, TrainingCheckpoint Checkpoint)> batch)
    {
        var checkpoint = batch[^1].Checkpoint;
        var reference = await SaveCheckpointAsync(checkpoint);
        var epochs = batch.Select(w => w.Epoch).ToList();
        if (!await RetryAsync(() => _trial.ReportEpochs(_lease.Attempt, epochs, reference), _cancellationToken))
        {
            return false;
        }

        await DropOlderCheckpointsAsync(checkpoint.Epoch);
        return true;
    }

    /// <summary>
    /// The checkpoint's reference, or null when the store refused it for good (a full disk, say): the epochs are still
    /// recorded and training goes on, only without this resume point (a lost attempt resumes from an older one, or
    /// starts over). A store that cannot be reached at all hands the trial back instead (<see cref="RetryAsync"/>).
    /// </summary>
    private async Task<string?> SaveCheckpointAsync(TrainingCheckpoint checkpoint)
    {
        try
        {
            var started = _clock.GetTimestamp();
            var reference = await RetryAsync(() => _checkpoints.SaveAsync(_lease.TrialId, checkpoint.Epoch, checkpoint.State, _cancellationToken), _cancellationToken);
            _telemetry.CheckpointSaved(started, checkpoint.State.LongLength);
            return reference;
        }
        catch (Exception e) when (RefusedByStore(e))
        {
            LogCheckpointNotSaved(_lease.TrialId, checkpoint.Epoch, e.Message);
            return null;
        }
    }

    private async Task DropOlderCheckpointsAsync(int epoch)
    {
        try
        {
            await _checkpoints.DeleteBeforeAsync(_lease.TrialId, epoch, _cancellationToken);
        }
        catch (Exception e) when (RefusedByStore(e))
        {
            // Leftovers waste space until the trial ends and drops them all; the newer checkpoint is recorded.
            LogCleanupFailed(_lease.TrialId, epoch, e.Message);
        }
    }

    // An error, not a warning: the run goes on, but a lost attempt would now repeat more training; the operator must
    // hear of it (an embedded run shows errors only).
    [LoggerMessage(Level = LogLevel.Error, Message = "Trial {TrialId}: the checkpoint after epoch {Epoch} could not be saved ({Reason}); its epochs are recorded without it")]
    private partial void LogCheckpointNotSaved(string trialId, int epoch, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial {TrialId}: could not delete checkpoints before epoch {Epoch}: {Reason}")]
    private partial void LogCleanupFailed(string trialId, int epoch, string reason);
}

/// <summary>The cluster did not take a report after several tries: not the trainer's fault.</summary>
internal sealed class ClusterUnreachableException(string message, Exception inner) : Exception(message, inner);
