namespace SuperConvergence.Core.RangeTests;

/// <summary>One layer's smoothed Hessian-free estimate.</summary>
/// <param name="Layer">The layer's name, e.g. "blocks.0.conv1".</param>
/// <param name="LearningRate">The trailing log-median of the layer's estimates; null when it never had positive curvature.</param>
/// <param name="IterationsUsed">Iterations in which the layer's curvature along g was positive.</param>
/// <param name="IterationsSkipped">Iterations in which it was zero, negative or not finite: no estimate from those.</param>
[GenerateSerializer(IncludePrimaryConstructorParameters = false)]
[Immutable]
[Alias("sc.LayerLearningRate")]
public sealed record LayerLearningRate(
    [property: Id(0)] string Layer,
    [property: Id(1)] double? LearningRate,
    [property: Id(2)] int IterationsUsed,
    [property: Id(3)] int IterationsSkipped);
