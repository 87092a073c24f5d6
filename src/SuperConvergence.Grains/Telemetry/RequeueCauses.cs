namespace SuperConvergence.Grains.Telemetry;

/// <summary>Why a lease's trial went back to the queue: the <c>cause</c> label of <c>sc_work_requeued_total</c>.</summary>
public static class RequeueCauses
{
    /// <summary>Its worker stopped heartbeating (killed, cut off, its silo declared dead).</summary>
    public const string WorkerLost = "worker_lost";

    /// <summary>Its worker heartbeats again without it (the worker restarted).</summary>
    public const string WorkerRestarted = "worker_restarted";

    /// <summary>Its worker gave it back: preempted (SIGTERM), or unable to record its result.</summary>
    public const string HandedBack = "handed_back";
}
