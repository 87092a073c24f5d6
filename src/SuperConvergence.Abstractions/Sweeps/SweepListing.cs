namespace SuperConvergence.Abstractions.Sweeps;

/// <summary>One line of `sc sweep list`.</summary>
[GenerateSerializer]
[Immutable]
[Alias("sc.SweepListing")]
public sealed record SweepListing(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string Name,
    [property: Id(2)] SweepState State,
    [property: Id(3)] DateTimeOffset CreatedAt);
