namespace SuperConvergence.Grains.Sweeps;

/// <summary>
/// What the coordinator's periodic self-healing does: pending trials are queued again (the queue ignores those it
/// holds), so a queueing call that failed in some turn is retried, and free slots are offered to the strategy, so
/// nothing waits for the next trial to finish to move on.
/// </summary>
internal enum SweepKeepQueued
{
    /// <summary>The sweep is not running: its timers stop, so it may be deactivated like any idle grain.</summary>
    StopTimers,

    /// <summary>Past the wall time: nothing is queued again; the pump withdraws what waits and ends the sweep once its running trials finish.</summary>
    PumpOnly,

    /// <summary>Queue the pending trials again; no slot is free (or nothing is left to propose).</summary>
    Requeue,

    /// <summary>Queue the pending trials again and pump into the free slots.</summary>
    RequeueAndPump,
}
