namespace SuperConvergence.Core.RangeTests;

/// <summary>
/// One layer's share of one iteration's curvature reading along the gradient g: gᵀg and gᵀHg restricted to the
/// layer's parameters (with H·g measured for the whole model, so the layers' curvatures add up to the model's).
/// </summary>
/// <param name="Layer">The layer's name, e.g. "blocks.0.conv1".</param>
/// <param name="GradientSquaredNorm">gᵢᵀgᵢ: a sum of squares, so never negative (it may overflow to +∞).</param>
/// <param name="Curvature">gᵢᵀ(Hg)ᵢ: any sign; ≤ 0 or non-finite means this layer gives no estimate this iteration.</param>
public readonly record struct LayerCurvature(string Layer, double GradientSquaredNorm, double Curvature);
