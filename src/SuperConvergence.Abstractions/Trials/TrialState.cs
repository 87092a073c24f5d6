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

    /// <summary>The lower-case name used in JSON and tables.</summary>
    public static string ToWire(this TrialState state) => state.ToString().ToLowerInvariant();
}
