namespace SuperConvergence.Core.RangeTests;

/// <summary>
/// One iteration of an LR range test: the learning rate used, the training loss it produced and,
/// where the run measured it (the paper does, at intervals), validation accuracy.
/// </summary>
[GenerateSerializer(IncludePrimaryConstructorParameters = false)]
[Immutable]
[Alias("sc.RangeTestPoint")]
public readonly record struct RangeTestPoint(
    [property: Id(0)] double LearningRate,
    [property: Id(1)] double Loss,
    [property: Id(2)] double? Accuracy = null);
