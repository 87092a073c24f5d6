namespace SuperConvergence.Grains.Work;

/// <summary>
/// A worker silo's stop, as its running attempts see it. When the silo is told to stop (SIGTERM: a rolling update,
/// a scale-down, a preemptible node reclaimed), <see cref="PreemptAsync"/> asks every running attempt to stop at its
/// next training step, checkpoint there and hand its trial back, and waits until they all have, while the silo is
/// still a full cluster member whose calls go through. From then on the silo's slots take no more work. One per silo.
/// </summary>
public sealed partial class WorkerPreemption(ILogger<WorkerPreemption> logger) : IDisposable
{
    private readonly CancellationTokenSource _requested = new();
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _running = [];

    /// <summary>Fires when the silo stops: the trainers' <see cref="Core.Trials.ITrainingObserver.Preemption"/>.</summary>
    public CancellationToken Token => _requested.Token;

    public bool IsRequested => _requested.IsCancellationRequested;

    /// <summary>Runs an attempt, which <see cref="PreemptAsync"/> then waits for (it never throws: see TrialAttempt).</summary>
    internal void Run(Func<Task> attempt)
    {
        var running = Task.Run(attempt, CancellationToken.None);
        lock (_gate)
        {
            _running.Add(running);
        }

        running.ContinueWith(
            done =>
            {
                lock (_gate)
                {
                    _running.Remove(done);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// Asks the running attempts to stop and hand back, and waits for them; gives up waiting when
    /// <paramref name="cancellationToken"/> fires (the host's shutdown timeout): those trials' leases then expire and
    /// they resume from their last recorded checkpoint, as after SIGKILL.
    /// </summary>
    public async Task PreemptAsync(CancellationToken cancellationToken)
    {
        await _requested.CancelAsync();
        var started = TimeProvider.System.GetTimestamp();
        var handedBack = 0;
        try
        {
            // Again until none runs: an attempt whose start was under way when the stop came is waited for too.
            while (Running() is { Length: > 0 } running)
            {
                LogPreempting(running.Length);
                await Task.WhenAll(running).WaitAsync(cancellationToken);
                handedBack += running.Length;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogGaveUp(Running().Length);
            return;
        }

        if (handedBack > 0)
        {
            LogHandedBack(handedBack, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public void Dispose() => _requested.Dispose();

    private Task[] Running()
    {
        lock (_gate)
        {
            return [.. _running];
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker silo stopping: asking {Count} running attempt(s) to checkpoint at their next step and hand their trials back")]
    private partial void LogPreempting(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker silo stopping: {Count} attempt(s) ended in {Milliseconds:F0} ms")]
    private partial void LogHandedBack(int count, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker silo stopping: {Count} attempt(s) did not hand back in time; their leases expire and they resume from their last recorded checkpoint")]
    private partial void LogGaveUp(int count);
}
