namespace SuperConvergence.Grains.Telemetry;

/// <summary>How a trial attempt ended on its worker: the cause label of <c>sc.trial.attempt.ends</c>.</summary>
public enum AttemptOutcome
{
    /// <summary>Trained (or range-tested) to the end and recorded.</summary>
    Completed,

    /// <summary>The loss diverged; recorded as such.</summary>
    Diverged,

    /// <summary>The trainer threw or the checkpoint store failed; the trial is recorded as failed.</summary>
    Failed,

    /// <summary>The cluster would not take a report: the trial goes back to the queue and is retried.</summary>
    HandedBack,

    /// <summary>Stopped from outside: the sweep was cancelled or the lease was lost (the queue retries it).</summary>
    Stopped,
}

internal static class AttemptOutcomeWire
{
    public static string ToWire(this AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Completed => "completed",
        AttemptOutcome.Diverged => "diverged",
        AttemptOutcome.Failed => "failed",
        AttemptOutcome.HandedBack => "handed_back",
        _ => "stopped",
    };
}
