namespace SuperConvergence.Core.RangeTests;

/// <summary>
/// The step that minimises the local quadratic model of the loss along −g: L(θ − αg) ≈ L − α·gᵀg + ½α²·gᵀHg is least
/// at α = gᵀg / gᵀHg. Only a positive, finite curvature has such a minimum: along a direction of zero or negative
/// curvature the quadratic model falls without bound, so it names no step at all (never a negative or infinite LR).
/// </summary>
public static class CurvatureStepSize
{
    /// <summary>gᵀg / gᵀHg, or null when the curvature is not positive and finite or gᵀg is not positive and finite.</summary>
    /// <exception cref="ArgumentOutOfRangeException">gᵀg is negative: a sum of squares cannot be, so the caller is wrong.</exception>
    public static double? Of(double gradientSquaredNorm, double curvature)
    {
        if (gradientSquaredNorm < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(gradientSquaredNorm), gradientSquaredNorm, "gᵀg is a sum of squares and cannot be negative");
        }

        if (!double.IsFinite(gradientSquaredNorm) || gradientSquaredNorm == 0 || !double.IsFinite(curvature) || curvature <= 0)
        {
            return null;
        }

        var step = gradientSquaredNorm / curvature;
        // A positive curvature far below gᵀg can still overflow the quotient: no finite step, so no estimate.
        return double.IsFinite(step) ? step : null;
    }

    /// <summary>
    /// The whole model's step, Σ gᵢᵀgᵢ / Σ gᵢᵀ(Hg)ᵢ: the curvature along the full gradient. A layer whose own share is
    /// negative still counts here (the sum is what the model curves by along g); only a non-positive or non-finite
    /// total gives no estimate.
    /// </summary>
    public static double? WholeModel(IReadOnlyList<LayerCurvature> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        double squaredNorm = 0, curvature = 0;
        foreach (var layer in layers)
        {
            squaredNorm += layer.GradientSquaredNorm;
            curvature += layer.Curvature;
        }

        return Of(squaredNorm, curvature);
    }
}
