namespace SuperConvergence.Abstractions.Work;

/// <summary>A trial waiting for a training slot.</summary>
[GenerateSerializer]
[Immutable]
[Alias("sc.WorkItem")]
public sealed record WorkItem([property: Id(0)] string SweepId, [property: Id(1)] string TrialId);
