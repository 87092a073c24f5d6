namespace SuperConvergence.Abstractions.Work;

/// <summary>A training slot as the queue sees it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("sc.WorkerView")]
public sealed record WorkerView(
    string WorkerId,
    string? TrialId,
    DateTimeOffset LastHeartbeat);
