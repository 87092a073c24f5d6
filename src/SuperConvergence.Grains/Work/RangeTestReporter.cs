namespace SuperConvergence.Grains.Work;

/// <summary>
/// Sends a running range test's progress to its trial grain in the background, for live views: the trainer hands
/// over every iteration and returns at once; only the newest progress is kept, and reports go at most once per
/// <c>minInterval</c>. Progress is best effort (the curve comes with the result), so a report that fails is logged and
/// the next one tries again. Each iteration also goes to <c>onProgress</c> at once (the silo's live gauges). <see cref="StopAsync"/> ends the reports before the result is sent.
/// </summary>
internal sealed partial class RangeTestReporter : IRangeTestObserver, IDisposable
{
    private readonly TrialLease _lease;
    private readonly ITrialGrain _trial;
    private readonly ILogger _logger;
    private readonly Action<RangeTestProgress> _onProgress;
    private readonly PacedSender<RangeTestProgress> _sender;

    public RangeTestReporter(TrialLease lease, ITrialGrain trial, Func<Task> stopTraining, TimeSpan minInterval, TimeProvider clock, ILogger logger,
        Action<RangeTestProgress> onProgress)
    {
        _lease = lease;
        _trial = trial;
        _logger = logger;
        _onProgress = onProgress;
        _sender = PacedSender<RangeTestProgress>.NewestOnly(SendAsync, stopTraining, minInterval, clock);
    }

    public void OnRangeTestProgress(RangeTestProgress progress)
    {
        // The live gauges take every iteration (a record swap); the grain gets the newest one per interval.
        _onProgress(progress);
        _sender.Post(progress);
    }

    /// <summary>Drops what waits and completes once no report is in flight; never throws.</summary>
    public Task StopAsync() => _sender.StopAsync();

    public void Dispose() => _sender.Dispose();

    /// <summary>False when this attempt is no longer the trial's current one (cancelled, or superseded): the range test then stops.</summary>
    private async Task<bool> SendAsync(IReadOnlyList<RangeTestProgress> newest)
    {
        var progress = newest[^1];
        try
        {
            return await _trial.ReportRangeTestProgress(_lease.Attempt, progress);
        }
        catch (Exception e)
        {
            // Best effort: the next report tries again.
            LogProgressNotReported(_lease.TrialId, progress.Iterations, e.Message);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Trial {TrialId}: range-test progress at iteration {Iterations} not reported: {Reason}")]
    private partial void LogProgressNotReported(string trialId, int iterations, string reason);
}
