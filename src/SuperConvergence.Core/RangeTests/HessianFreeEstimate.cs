namespace SuperConvergence.Core.RangeTests;

/// <summary>
/// The result of a Hessian-free LR estimate (docs/range-test.md, "Hessian-free estimate"): the step gᵀg/gᵀHg that
/// minimises the local quadratic model along the gradient, for the whole model and per layer, smoothed over iterations
/// by a trailing log-median.
/// </summary>
/// <param name="LearningRate">The whole model's smoothed estimate; null when no iteration had positive curvature along g.</param>
/// <param name="Layers">Per layer, in the model's parameter order.</param>
/// <param name="IterationsUsed">Iterations whose whole-model curvature along g was positive.</param>
/// <param name="IterationsSkipped">Iterations whose whole-model curvature along g was zero, negative or not finite.</param>
/// <param name="Window">How many of the latest estimates the median covers.</param>
/// <param name="Diverged">The run stopped at a non-finite loss (that iteration is not in the series).</param>
/// <param name="Series">Every iteration, in order.</param>
[GenerateSerializer(IncludePrimaryConstructorParameters = false)]
[Immutable]
[Alias("sc.HessianFreeEstimate")]
public sealed record HessianFreeEstimate(
    [property: Id(0)] double? LearningRate,
    [property: Id(1)] IReadOnlyList<LayerLearningRate> Layers,
    [property: Id(2)] int IterationsUsed,
    [property: Id(3)] int IterationsSkipped,
    [property: Id(4)] int Window,
    [property: Id(5)] bool Diverged,
    [property: Id(6)] IReadOnlyList<HessianFreeIteration> Series)
{
    /// <summary>Iterations recorded: used plus skipped.</summary>
    public int Iterations => Series.Count;
}
