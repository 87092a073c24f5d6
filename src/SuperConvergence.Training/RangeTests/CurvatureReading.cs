namespace SuperConvergence.Training.RangeTests;

/// <summary>One iteration's curvature reading along the descent direction d.</summary>
/// <param name="Loss">The loss at θ (the point the reading is taken at); when not finite, nothing else was measured.</param>
/// <param name="Epsilon">The finite-difference step ε (θ + ε·d); 0 when no perturbation was made.</param>
/// <param name="Layers">dᵢᵀdᵢ and dᵢᵀ(Hd)ᵢ per layer, in the probe's layer order.</param>
internal sealed record CurvatureReading(double Loss, double Epsilon, IReadOnlyList<LayerCurvature> Layers);
