using static TorchSharp.torch;

namespace SuperConvergence.Training.RangeTests;

/// <summary>
/// Measures, for one loss, the curvature along the descent direction without forming the Hessian: H·d ≈
/// (∇L(θ + ε·d) − ∇L(θ)) / ε, one extra forward and backward pass. The direction is the gradient SGD is fed, d = ∇L(θ)
/// + λθ with L2 weight decay λ (whose Hessian term λ·d is added exactly rather than differenced); SGD's momentum mixes
/// it into its step, the estimate (as the paper's) models a plain gradient step. Per layer it
/// reports dᵢᵀdᵢ and dᵢᵀ(Hd)ᵢ, the layer's block of the whole model's Hd, so the layers add up to dᵀHd.
/// </summary>
/// <remarks>
/// ε = relativeStep · max(‖θ‖, 1) / ‖d‖, so the perturbation ε·d is relativeStep (default 10⁻³) of the parameters'
/// norm: large enough that the gradient change stands well above float32 rounding (about 10⁻⁷ of a gradient), small
/// enough that the quadratic model holds over it. max(‖θ‖, 1) keeps a step at parameters near zero.
/// </remarks>
internal sealed class CurvatureProbe
{
    private readonly IReadOnlyList<ParameterLayer> _layers;
    private readonly Tensor[] _buffers;
    private readonly double _relativeStep;

    /// <param name="layers">The parameters, grouped into the layers the reading reports.</param>
    /// <param name="buffers">State the forward pass changes (batch norm's running statistics): put back after the perturbed pass.</param>
    /// <param name="relativeStep">The perturbation's size as a fraction of ‖θ‖ (see remarks).</param>
    public CurvatureProbe(IReadOnlyList<ParameterLayer> layers, IEnumerable<Tensor> buffers, double relativeStep = HessianFreeRun.DefaultRelativeStep)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("there are no trainable parameters to read the curvature of", nameof(layers));
        }

        if (!double.IsFinite(relativeStep) || relativeStep <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(relativeStep), relativeStep, "must be a finite number > 0");
        }

        this._layers = layers;
        this._buffers = [.. buffers];
        this._relativeStep = relativeStep;
    }

    /// <summary>A probe over a module's trainable parameters, grouped by module, restoring its buffers.</summary>
    public static CurvatureProbe For(nn.Module module, double relativeStep = HessianFreeRun.DefaultRelativeStep) =>
        new(ParameterLayer.Group(module.named_parameters()), module.buffers(), relativeStep);

    public IReadOnlyList<string> LayerNames => [.. _layers.Select(l => l.Name)];

    /// <summary>
    /// Reads the curvature of <paramref name="loss"/> (which must compute the same function both times it is called:
    /// the same batch, no fresh random draws) along its descent direction. Afterwards the parameters and buffers are
    /// exactly as the first pass left them and every parameter's grad holds ∇L(θ), ready for the optimiser's step.
    /// </summary>
    /// <param name="weightDecay">The optimiser's L2 weight decay λ: the direction is ∇L + λθ, the curvature gains λ·dᵀd.</param>
    public CurvatureReading Measure(Func<Tensor> loss, double weightDecay = 0)
    {
        ArgumentNullException.ThrowIfNull(loss);
        using var scope = NewDisposeScope();
        var parameters = _layers.SelectMany(l => l.Parameters).ToArray();
        var lossAtTheta = Backward(loss, parameters);
        var gradients = parameters.Select(GradientOf).ToArray();
        if (!double.IsFinite(lossAtTheta))
        {
            return new CurvatureReading(lossAtTheta, 0, [.. _layers.Select(l => new LayerCurvature(l.Name, double.NaN, double.NaN))]);
        }

        Tensor[] saved, savedBuffers, directions;
        double epsilon;
        using (no_grad())
        {
            saved = [.. parameters.Select(p => p.detach().clone())];
            savedBuffers = [.. _buffers.Select(b => b.detach().clone())];
            directions = weightDecay == 0 ? gradients : [.. gradients.Select((g, i) => g.add(saved[i], alpha: weightDecay))];
            var thetaNorm = Math.Sqrt(saved.Sum(SquaredNorm));
            var directionNorm = Math.Sqrt(directions.Sum(SquaredNorm));
            epsilon = _relativeStep * Math.Max(thetaNorm, 1) / directionNorm;
            if (!double.IsFinite(epsilon) || directionNorm == 0)
            {
                // No direction to move along (zero or overflowing gradient): no curvature to read; the grads stay as they are.
                return new CurvatureReading(lossAtTheta, 0, [.. Layers(directions, (d, _) => SquaredNorm(d), (_, _) => double.NaN)]);
            }

            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].add_(directions[i], alpha: epsilon);
            }
        }

        Backward(loss, parameters);
        var perturbed = parameters.Select(GradientOf).ToArray();
        var reading = Layers(
            directions,
            (d, _) => SquaredNorm(d),
            (d, i) => Dot(d, perturbed[i].to(ScalarType.Float64).sub_(gradients[i].to(ScalarType.Float64))) / epsilon);
        using (no_grad())
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].copy_(saved[i]);
                parameters[i].grad!.copy_(gradients[i]);
            }

            for (var i = 0; i < _buffers.Length; i++)
            {
                _buffers[i].copy_(savedBuffers[i]);
            }
        }

        // λθ's Hessian is λI: its share of dᵀHd is exactly λ·dᵀd, no differencing needed.
        return new CurvatureReading(
            lossAtTheta,
            epsilon,
            [.. reading.Select(r => r with { Curvature = r.Curvature + weightDecay * r.GradientSquaredNorm })]);
    }

    /// <summary>Fresh gradients of <paramref name="loss"/>: zeroes the grads, runs forward and backward; returns the loss.</summary>
    private static double Backward(Func<Tensor> loss, Parameter[] parameters)
    {
        foreach (var parameter in parameters)
        {
            parameter.grad?.zero_();
        }

        var value = loss();
        value.backward();
        return value.detach().to(ScalarType.Float64).item<double>();
    }

    /// <summary>A copy of the parameter's gradient (zeros for a parameter the loss does not reach).</summary>
    private static Tensor GradientOf(Parameter parameter) => parameter.grad is { } grad ? grad.detach().clone() : zeros_like(parameter);

    private static double SquaredNorm(Tensor t) => Dot(t, t);

    /// <summary>Σ aᵢbᵢ accumulated in float64, whatever the tensors' precision.</summary>
    private static double Dot(Tensor a, Tensor b) => a.to(ScalarType.Float64).mul(b.to(ScalarType.Float64)).sum().item<double>();

    /// <summary>Per layer, the sums over its parameters (numbered as in the flat parameter list) of two measures.</summary>
    private List<LayerCurvature> Layers(Tensor[] directions, Func<Tensor, int, double> squaredNorm, Func<Tensor, int, double> curvature)
    {
        var result = new List<LayerCurvature>(_layers.Count);
        var at = 0;
        foreach (var layer in _layers)
        {
            double norm = 0, curve = 0;
            for (var k = 0; k < layer.Parameters.Count; k++, at++)
            {
                norm += squaredNorm(directions[at], at);
                curve += curvature(directions[at], at);
            }

            result.Add(new LayerCurvature(layer.Name, norm, curve));
        }

        return result;
    }
}
