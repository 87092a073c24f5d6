namespace SuperConvergence.Abstractions.Work;

/// <summary>
/// A trial waiting for a training slot. <paramref name="MaxRunning"/> is its sweep's concurrency limit: sweeps queue
/// a few trials ahead of their free slots, so the queue, not the sweep, keeps the sweep within its limit.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("sc.WorkItem")]
public sealed record WorkItem([property: Id(0)] string SweepId, [property: Id(1)] string TrialId, [property: Id(2)] int MaxRunning);
