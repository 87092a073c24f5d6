using System.Threading.Channels;

namespace SuperConvergence.Grains.Work;

/// <summary>
/// Sends one attempt's reports to the cluster in the background, in order, one batch at a time and at least
/// <c>minInterval</c> apart, so training never waits on the cluster and a worker whose epochs or range-test iterations
/// are short sends a report a second rather than one per step. What is posted while a batch is in flight (or while the
/// interval runs) goes in the next batch: all of it (<see cref="AllInOrder"/>) or the newest only
/// (<see cref="NewestOnly"/>). A batch the trial refuses (the attempt is no longer its current one) stops the sender
/// and calls <c>onRefused</c>, as does a send that throws, whose exception then comes out of
/// <see cref="FinishAsync"/> or <see cref="StopAsync"/>.
/// </summary>
internal sealed class PacedSender<T> : IDisposable
{
    private readonly Channel<T> _waiting;
    private readonly Func<IReadOnlyList<T>, Task<bool>> _send;
    private readonly Func<Task> _onRefused;
    private readonly TimeSpan _minInterval;
    private readonly TimeProvider _clock;

    // Cancelled once the sender is finishing or stopped: the pace is not waited out any more.
    private readonly CancellationTokenSource _hurry;
    private readonly Task _sending;
    private long? _lastSend;

    // Set once FinishAsync or StopAsync (or a refusal) has begun: from then on nothing more is sent.
    private volatile bool _closing;
    private volatile bool _stopped;

    private PacedSender(Channel<T> waiting, Func<IReadOnlyList<T>, Task<bool>> send, Func<Task> onRefused, TimeSpan minInterval, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        _waiting = waiting;
        _send = send;
        _onRefused = onRefused;
        _minInterval = minInterval;
        _clock = clock;
        _hurry = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _sending = Task.Run(SendAsync, CancellationToken.None);
    }

    /// <summary>Every posted report is sent (or handed back by <see cref="FinishAsync"/>), in the order posted.</summary>
    public static PacedSender<T> AllInOrder(Func<IReadOnlyList<T>, Task<bool>> send, Func<Task> onRefused, TimeSpan minInterval, TimeProvider clock,
        CancellationToken cancellationToken = default) =>
        new(Channel.CreateUnbounded<T>(new UnboundedChannelOptions()), send, onRefused, minInterval, clock, cancellationToken);

    /// <summary>Only the newest report waits: one posted while another waits replaces it.</summary>
    public static PacedSender<T> NewestOnly(Func<IReadOnlyList<T>, Task<bool>> send, Func<Task> onRefused, TimeSpan minInterval, TimeProvider clock,
        CancellationToken cancellationToken = default) =>
        new(Channel.CreateBounded<T>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest }), send, onRefused,
            minInterval, clock, cancellationToken);

    /// <summary>Queues a report for the next batch; ignored once the sender is stopped.</summary>
    public void Post(T report)
    {
        if (!_stopped)
        {
            _waiting.Writer.TryWrite(report);
        }
    }

    /// <summary>
    /// Sends nothing more: waits for the batch in flight (if any) to land and returns the reports still waiting, unsent
    /// (none when the sender was stopped). Throws what a send threw.
    /// </summary>
    public async Task<IReadOnlyList<T>> FinishAsync()
    {
        _closing = true;
        _waiting.Writer.TryComplete();
        _hurry.Cancel();
        await _sending;
        var unsent = new List<T>();
        while (_waiting.Reader.TryRead(out var report))
        {
            unsent.Add(report);
        }

        return _stopped ? [] : unsent;
    }

    /// <summary>Drops what waits, sends nothing more, and completes once no batch is in flight.</summary>
    public Task StopAsync()
    {
        Stop();
        _hurry.Cancel();
        return _sending;
    }

    public void Dispose()
    {
        // A sender nobody finished must not wait for reports forever; the loop may still be pacing on the token.
        _closing = true;
        _waiting.Writer.TryComplete();
        _hurry.Cancel();
        _sending.ContinueWith(_ => _hurry.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task SendAsync()
    {
        try
        {
            while (await _waiting.Reader.WaitToReadAsync(CancellationToken.None))
            {
                await PaceAsync();
                if (_closing)
                {
                    return;
                }

                var batch = new List<T>();
                while (_waiting.Reader.TryRead(out var report))
                {
                    batch.Add(report);
                }

                if (batch.Count == 0)
                {
                    // Stopped meanwhile, and what waited was dropped.
                    continue;
                }

                _lastSend = _clock.GetTimestamp();
                if (!await _send(batch))
                {
                    Stop();
                    await _onRefused();
                    return;
                }
            }
        }
        catch
        {
            Stop();
            await _onRefused();
            throw;
        }
    }

    /// <summary>Waits out the rest of the interval since the last batch; at once when hurried.</summary>
    private async Task PaceAsync()
    {
        if (_lastSend is not long last || _hurry.IsCancellationRequested)
        {
            return;
        }

        var wait = _minInterval - _clock.GetElapsedTime(last);
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(wait, _clock, _hurry.Token);
        }
        catch (OperationCanceledException) when (_hurry.IsCancellationRequested)
        {
            // Hurried: finishing or stopped, so nothing more is sent.
        }
    }

    private void Stop()
    {
        _stopped = true;
        _closing = true;
        _waiting.Writer.TryComplete();
        while (_waiting.Reader.TryRead(out _))
        {
        }
    }
}
