namespace SuperConvergence.Core.RangeTests;

/// <summary>One iteration of the Hessian-free estimate: its batch loss and the steps its curvature reading gave.</summary>
/// <param name="Iteration">0-based.</param>
/// <param name="Loss">The batch loss at the parameters the reading was taken at (before this iteration's SGD step).</param>
/// <param name="LearningRate">The whole model's gᵀg/gᵀHg this iteration; null when its curvature along g was not positive.</param>
/// <param name="SmoothedLearningRate">The whole model's estimate so far: the trailing log-median of the estimates up to here.</param>
/// <param name="LayerLearningRates">Each layer's gᵢᵀgᵢ/gᵢᵀ(Hg)ᵢ, in the order of <see cref="HessianFreeEstimate.Layers"/>; null where not positive.</param>
[GenerateSerializer(IncludePrimaryConstructorParameters = false)]
[Immutable]
[Alias("sc.HessianFreeIteration")]
public sealed record HessianFreeIteration(
    [property: Id(0)] int Iteration,
    [property: Id(1)] double Loss,
    [property: Id(2)] double? LearningRate,
    [property: Id(3)] double? SmoothedLearningRate,
    [property: Id(4)] IReadOnlyList<double?> LayerLearningRates);
