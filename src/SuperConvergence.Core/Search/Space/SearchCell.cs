namespace SuperConvergence.Core.Search.Space;

/// <summary>
/// One (batch size, weight decay) pair of the search space. Range tests bound the LR per cell, because both the
/// batch size (noise scale) and the weight decay (regularisation) move the usable LR.
/// </summary>
public readonly record struct SearchCell(int BatchSize, double WeightDecay)
{
    /// <summary>The label proposals carry, e.g. "bs=256,wd=5e-4".</summary>
    public string Name => $"bs={BatchSize.ToString(CultureInfo.InvariantCulture)},wd={Compact(WeightDecay)}";

    /// <summary>Every cell of the space, batch sizes outermost, in the order the spec lists them.</summary>
    public static IReadOnlyList<SearchCell> AllOf(SearchSpace space) =>
        space.BatchSize.SelectMany(batchSize => space.WeightDecay.Select(weightDecay => new SearchCell(batchSize, weightDecay))).ToArray();

    /// <summary>Scientific notation without padding: 5e-4, 2.5e-3, 0.</summary>
    public static string Compact(double value) =>
        value == 0 ? "0" : value.ToString("0.####e0", CultureInfo.InvariantCulture);
}
