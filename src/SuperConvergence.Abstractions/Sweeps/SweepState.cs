namespace SuperConvergence.Abstractions.Sweeps;

/// <summary>
/// Lifecycle of a sweep. Completed, Cancelled and Failed are final. Failed: it ended without one completed training
/// trial and at least one trial failed (an error, not a diverged run); the status carries the first failure's cause.
/// </summary>
[GenerateSerializer]
[Alias("sc.SweepState")]
public enum SweepState
{
    NotStarted,
    Running,
    Completed,
    Cancelled,
    Failed,

    /// <summary>
    /// An embedded sweep whose process ended before it did (killed, powered off). Not final: nothing of it runs until
    /// it is resumed on purpose (`sc sweep run SPEC --resume ID`); its trials and their checkpoints are kept.
    /// </summary>
    Interrupted,
}
