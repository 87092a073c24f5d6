namespace SuperConvergence.Grains.Work;

/// <summary>
/// Keeps one sender's reports at least <c>minInterval</c> apart, so a worker whose epochs or range-test iterations
/// are short sends a report a second rather than one per step.
/// </summary>
internal sealed class ReportPacer(TimeSpan minInterval, TimeProvider clock)
{
    private long? _lastSend;

    /// <summary>Waits out the rest of the interval since the last report; at once when <paramref name="hurry"/> is (or gets) cancelled.</summary>
    public async Task WaitAsync(CancellationToken hurry)
    {
        if (_lastSend is not long last || hurry.IsCancellationRequested)
        {
            return;
        }

        var wait = minInterval - clock.GetElapsedTime(last);
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(wait, clock, hurry);
        }
        catch (OperationCanceledException) when (hurry.IsCancellationRequested)
        {
            // Hurried: the caller sends (or stops) now.
        }
    }

    public void Sent() => _lastSend = clock.GetTimestamp();
}
