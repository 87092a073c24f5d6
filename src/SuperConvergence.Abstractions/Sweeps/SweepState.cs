namespace SuperConvergence.Abstractions.Sweeps;

/// <summary>Lifecycle of a sweep. Completed and Cancelled are final.</summary>
[GenerateSerializer]
[Alias("sc.SweepState")]
public enum SweepState
{
    NotStarted,
    Running,
    Completed,
    Cancelled,
}
