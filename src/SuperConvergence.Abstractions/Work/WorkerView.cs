namespace SuperConvergence.Abstractions.Work;

/// <summary>A training slot as the queue sees it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("sc.WorkerView")]
public sealed record WorkerView(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] string? TrialId,
    [property: Id(2)] DateTimeOffset LastHeartbeat);
