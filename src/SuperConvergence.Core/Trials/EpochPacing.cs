namespace SuperConvergence.Core.Trials;

/// <summary>
/// The wall time of the trainers that only pretend to compute (simulated, tabular): an epoch's wait, and a range
/// test's time spent in a few steps, each ending with the progress it stands for. .NET's timers fire on millisecond
/// ticks, so a wait ends up to a tick late: +0.6 % on 100 ms waits with nothing else running
/// (bench/SuperConvergence.Cluster.Benchmarks), which the cluster benchmarks would count as cluster overhead. Up to one
/// tick of a wait's lateness is taken off the next wait; lateness beyond a tick (a busy machine) and the time callers
/// spend between waits still add, as they would with a real trainer. One instance paces one run.
/// </summary>
internal sealed class EpochPacing(TimeSpan epoch, TimeProvider clock)
{
    /// <summary>How many progress reports a range test makes (evenly spaced through its curve and its time).</summary>
    private const int ProgressSteps = 10;

    /// <summary>The resolution of .NET's timer queue: a wait may fire up to this late without anything else running.</summary>
    private static readonly TimeSpan TimerTick = TimeSpan.FromMilliseconds(1);

    private TimeSpan _tickLateness;

    /// <summary>Waits out one epoch (at once when the epoch has no duration).</summary>
    public async Task WaitEpochAsync(CancellationToken cancellationToken) =>
        await WaitStepsAsync(0, 1, CancellationToken.None, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Waits out steps <paramref name="fromStep"/> to <paramref name="stepsPerEpoch"/> of an epoch, each an equal share
    /// of its time; returns <paramref name="stepsPerEpoch"/> once they are done. When <paramref name="preemption"/>
    /// fires first, the step under way is finished and the number of steps done by then is returned instead
    /// (<paramref name="fromStep"/> when it fired before the first).
    /// </summary>
    public async Task<int> WaitStepsAsync(int fromStep, int stepsPerEpoch, CancellationToken preemption, CancellationToken cancellationToken)
    {
        if (preemption.IsCancellationRequested)
        {
            return fromStep;
        }

        if (epoch <= TimeSpan.Zero)
        {
            return stepsPerEpoch;
        }

        var step = TimeSpan.FromTicks(epoch.Ticks / stepsPerEpoch);
        var wait = epoch - (step * fromStep) - _tickLateness;
        if (wait <= TimeSpan.Zero)
        {
            _tickLateness = TimeSpan.Zero; // epochs shorter than a tick: the lateness is made up by skipping this wait
            return stepsPerEpoch;
        }

        var started = clock.GetUtcNow();
        using var stopEarly = CancellationTokenSource.CreateLinkedTokenSource(preemption, cancellationToken);
        try
        {
            await Task.Delay(wait, clock, stopEarly.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (preemption.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Finish the step under way: the run stops on a step boundary, as a real one does.
            var elapsed = clock.GetUtcNow() - started;
            var done = Math.Min(stepsPerEpoch, fromStep + (int)Math.Ceiling(elapsed / step));
            var untilBoundary = (step * (done - fromStep)) - elapsed;
            if (untilBoundary > TimeSpan.Zero)
            {
                await Task.Delay(untilBoundary, clock, cancellationToken).ConfigureAwait(false);
            }

            _tickLateness = TimeSpan.Zero;
            return done;
        }

        var late = clock.GetUtcNow() - started - wait;
        _tickLateness = late <= TimeSpan.Zero ? TimeSpan.Zero : late < TimerTick ? late : TimerTick;
        return stepsPerEpoch;
    }

    /// <summary>
    /// Spends <paramref name="duration"/> on a curve known at once, in a few steps, telling <paramref name="observer"/>
    /// after each how far it got. <paramref name="beforeLastReport"/> runs just before the last report (a simulated
    /// failure throws there).
    /// </summary>
    public async Task ReplayRangeTestAsync(
        IReadOnlyList<RangeTests.RangeTestPoint> points,
        int plannedIterations,
        TimeSpan duration,
        IRangeTestObserver? observer,
        Action? beforeLastReport,
        CancellationToken cancellationToken)
    {
        var counter = new RangeTestProgressCounter(plannedIterations);
        var steps = Math.Min(ProgressSteps, points.Count);
        var reached = 0;
        for (var step = 1; step <= steps; step++)
        {
            if (duration > TimeSpan.Zero)
            {
                // Tick arithmetic on the running share, so the steps add up to exactly the whole duration.
                var wait = TimeSpan.FromTicks((duration.Ticks * step / steps) - (duration.Ticks * (step - 1) / steps));
                await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
            }

            if (step == steps)
            {
                beforeLastReport?.Invoke();
            }

            RangeTestProgress? progress = null;
            for (var end = points.Count * step / steps; reached < end; reached++)
            {
                progress = counter.Record(points[reached]);
            }

            observer?.OnRangeTestProgress(progress!);
        }
    }
}
