namespace SuperConvergence.Abstractions.Trials;

/// <summary>Lifecycle of a trial. Completed, Diverged, Failed and Cancelled are final.</summary>
[GenerateSerializer]
[Alias("sc.TrialState")]
public enum TrialState
{
    Pending,
    Running,
    Completed,
    Diverged,
    Failed,
    Cancelled,
}

public static class TrialStateExtensions
{
    public static bool IsFinal(this TrialState state) => state is TrialState.Completed or TrialState.Diverged or TrialState.Failed or TrialState.Cancelled;

    /// <summary>The final state a trial that ended so is in: one for each way a trial ends.</summary>
    public static TrialState ToState(this TrialEnd end) => end switch
    {
        TrialEnd.Completed => TrialState.Completed,
        TrialEnd.Diverged => TrialState.Diverged,
        TrialEnd.Failed => TrialState.Failed,
        TrialEnd.Cancelled => TrialState.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(end), end, "not a way a trial ends"),
    };

    /// <summary>How a trial in a final state ended (the strategy's view of it).</summary>
    public static TrialEnd ToEnd(this TrialState state) => state switch
    {
        TrialState.Completed => TrialEnd.Completed,
        TrialState.Diverged => TrialEnd.Diverged,
        TrialState.Failed => TrialEnd.Failed,
        TrialState.Cancelled => TrialEnd.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not a final state"),
    };

    /// <summary>The lower-case name used in JSON and tables.</summary>
    public static string ToWire(this TrialState state) => state.ToString().ToLowerInvariant();
}
