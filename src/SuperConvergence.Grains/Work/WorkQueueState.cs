namespace SuperConvergence.Grains.Work;

/// <summary>The persisted queue: waiting items in order, and which worker holds each running trial.</summary>
[GenerateSerializer]
[Alias("sc.WorkQueueState")]
public sealed class WorkQueueState
{
    [Id(0)] public List<WorkItem> Pending { get; set; } = [];
    [Id(1)] public Dictionary<string, WorkLease> Leases { get; set; } = [];
}

/// <summary>A running trial's lease: the item and the worker holding it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("sc.WorkLease")]
public sealed record WorkLease([property: Id(0)] WorkItem Item, [property: Id(1)] string WorkerId);
