namespace SuperConvergence.Grains.Sweeps;

[GenerateSerializer]
[Alias("sc.SweepCatalogState")]
public sealed class SweepCatalogState
{
    [Id(0)] public Dictionary<string, SweepListing> Sweeps { get; set; } = [];
}
