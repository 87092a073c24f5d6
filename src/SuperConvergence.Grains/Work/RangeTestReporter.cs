using Microsoft.Extensions.Logging;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Grains.Work;

/// <summary>
/// Sends a running range test's progress to its trial grain in the background, for live views: the trainer hands
/// over every iteration and returns at once; only the newest progress is kept, and reports go at most once per
/// <c>minInterval</c>. Progress is best effort (the curve comes with the result), so a report that fails is logged and
/// the next one tries again. Each iteration also goes to <c>onProgress</c> at once (the silo's live gauges). <see cref="StopAsync"/> ends the reports before the result is sent.
/// </summary>
internal sealed partial class RangeTestReporter(
    TrialLease lease,
    ITrialGrain trial,
    Func<Task> stopTraining,
    TimeSpan minInterval,
    TimeProvider clock,
    ILogger logger,
    Action<RangeTestProgress> onProgress) : IRangeTestObserver, IDisposable
{
    private readonly Lock _gate = new();
    private readonly ReportPacer _pacer = new(minInterval, clock);
    private readonly CancellationTokenSource _stop = new();
    private RangeTestProgress? _newest;
    private Task _sending = Task.CompletedTask;
    private bool _sendingActive;
    private bool _stopped;

    public void OnRangeTestProgress(RangeTestProgress progress)
    {
        // The live gauges take every iteration (a record swap); the grain gets the newest one per interval.
        onProgress(progress);
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _newest = progress;
            if (!_sendingActive)
            {
                _sendingActive = true;
                _sending = Task.Run(SendNewestAsync, CancellationToken.None);
            }
        }
    }

    /// <summary>Drops what waits and completes once no report is in flight; never throws.</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            _stopped = true;
            _newest = null;
        }

        _stop.Cancel();
        lock (_gate)
        {
            return _sending;
        }
    }

    public void Dispose() => _stop.Dispose();

    private async Task SendNewestAsync()
    {
        while (true)
        {
            await _pacer.WaitAsync(_stop.Token);
            if (TakeNewest() is not { } progress)
            {
                return;
            }

            _pacer.Sent();
            bool current;
            try
            {
                current = await trial.ReportRangeTestProgress(lease.Attempt, progress);
            }
            catch (Exception e)
            {
                LogProgressNotReported(lease.TrialId, progress.Iterations, e.Message);
                continue;
            }

            if (!current)
            {
                // This attempt is no longer the trial's current one (cancelled, or superseded): stop the range test.
                lock (_gate)
                {
                    _stopped = true;
                }

                await stopTraining();
                return;
            }
        }
    }

    private RangeTestProgress? TakeNewest()
    {
        lock (_gate)
        {
            var newest = _stopped ? null : _newest;
            _newest = null;
            if (newest is null)
            {
                // Decided under the lock, so progress handed over from now on starts a new sender instead of being missed.
                _sendingActive = false;
            }

            return newest;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Trial {TrialId}: range-test progress at iteration {Iterations} not reported: {Reason}")]
    private partial void LogProgressNotReported(string trialId, int iterations, string reason);
}
