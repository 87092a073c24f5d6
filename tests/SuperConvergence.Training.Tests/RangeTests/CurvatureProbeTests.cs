using CsCheck;
using SuperConvergence.Core.RangeTests;
using SuperConvergence.Training.RangeTests;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.RangeTests;

/// <summary>
/// On quadratics the finite difference of gradients is H·d up to rounding, so the probe's readings must equal the
/// closed forms dᵀAd and dᵀd/dᵀAd. Tolerances are relative: 1e-10 in float64 (measured errors are about 1e-13) and
/// 1e-3 in float32 (measured: up to 7e-5 at every conditioning tried), where each gradient is rounded to about 6e-8 of
/// its size and differencing over a perturbation of 10⁻³‖θ‖ magnifies that. A missing 1/ε, a perturbation along
/// the wrong direction or a layer read against another's block is off by far more.
/// </summary>
public sealed class CurvatureProbeTests
{
    private static readonly int[] Blocks = [3, 4, 5];

    [Theory]
    [InlineData(ScalarType.Float64, 1.0, 1e-10)]
    [InlineData(ScalarType.Float64, 1e3, 1e-10)]
    [InlineData(ScalarType.Float64, 1e6, 1e-10)]
    [InlineData(ScalarType.Float32, 1.0, 1e-3)]
    [InlineData(ScalarType.Float32, 1e3, 1e-3)]
    [InlineData(ScalarType.Float32, 1e6, 1e-3)]
    public void Each_layer_of_a_block_diagonal_quadratic_reads_its_own_closed_form_curvature_and_step(ScalarType dtype, double condition, double tolerance)
    {
        using var bowl = new QuadraticBowl(Quadratic.Random(Blocks, condition, seed: 7), dtype);
        var held = Held(bowl, Blocks);

        var reading = CurvatureProbe.For(bowl).Measure(bowl.Loss);

        var d = held.Direction(held.Theta);
        var ad = held.Times(d);
        Assert.Equal(["theta0", "theta1", "theta2"], reading.Layers.Select(l => l.Layer));
        foreach (var (layer, block) in reading.Layers.Zip(held.Blocks()))
        {
            var squaredNorm = Quadratic.Dot(d.AsSpan(block), d.AsSpan(block));
            var curvature = Quadratic.Dot(d.AsSpan(block), ad.AsSpan(block));
            AssertClose(squaredNorm, layer.GradientSquaredNorm, tolerance, $"{layer.Layer} dᵀd");
            AssertClose(curvature, layer.Curvature, tolerance, $"{layer.Layer} dᵀAd");
            AssertClose(squaredNorm / curvature, CurvatureStepSize.Of(layer.GradientSquaredNorm, layer.Curvature)!.Value, tolerance, $"{layer.Layer} step");
        }

        AssertClose(Quadratic.Dot(d, d) / Quadratic.Dot(d, ad), CurvatureStepSize.WholeModel(reading.Layers)!.Value, tolerance, "whole-model step");
    }

    [Fact]
    public void With_coupled_layers_each_reads_its_block_of_the_whole_models_hd_and_together_they_read_dtad()
    {
        using var bowl = new QuadraticBowl(Quadratic.Random(Blocks, 1e3, seed: 11, blockDiagonal: false), ScalarType.Float64);
        var held = Held(bowl, Blocks);

        var reading = CurvatureProbe.For(bowl).Measure(bowl.Loss);

        var d = held.Direction(held.Theta);
        var ad = held.Times(d);
        foreach (var (layer, block) in reading.Layers.Zip(held.Blocks()))
        {
            AssertClose(Quadratic.Dot(d.AsSpan(block), ad.AsSpan(block)), layer.Curvature, 1e-10, layer.Layer);
        }

        AssertClose(Quadratic.Dot(d, ad), reading.Layers.Sum(l => l.Curvature), 1e-10, "Σ layers");
    }

    [Fact]
    public void Weight_decay_turns_the_direction_into_the_gradient_plus_lambda_theta_and_adds_lambda_to_the_curvature()
    {
        const double decay = 0.3;
        using var bowl = new QuadraticBowl(Quadratic.Random(Blocks, 1e3, seed: 5), ScalarType.Float64);
        var held = Held(bowl, Blocks);

        var reading = CurvatureProbe.For(bowl).Measure(bowl.Loss, decay);

        var d = held.Direction(held.Theta, decay);
        var ad = held.Times(d);
        foreach (var (layer, block) in reading.Layers.Zip(held.Blocks()))
        {
            var squaredNorm = Quadratic.Dot(d.AsSpan(block), d.AsSpan(block));
            AssertClose(squaredNorm, layer.GradientSquaredNorm, 1e-10, layer.Layer);
            AssertClose(Quadratic.Dot(d.AsSpan(block), ad.AsSpan(block)) + decay * squaredNorm, layer.Curvature, 1e-10, layer.Layer);
        }
    }

    [Theory]
    [InlineData(ScalarType.Float64)]
    [InlineData(ScalarType.Float32)]
    public void The_reading_leaves_the_parameters_and_buffers_as_they_were_and_the_grads_holding_the_gradient_at_theta(ScalarType dtype)
    {
        using var bowl = new QuadraticBowl(Quadratic.Random(Blocks, 1e3, seed: 3), dtype);
        var before = bowl.Theta();
        var held = Held(bowl, Blocks);

        var reading = CurvatureProbe.For(bowl).Measure(bowl.Loss);

        Assert.Equal(before, bowl.Theta());
        // Two forward passes ran; the perturbed one is undone, as batch norm's running statistics would be.
        Assert.Equal(1, bowl.Passes);
        Assert.True(reading.Epsilon > 0);
        var expected = held.Direction(held.Theta);
        var gradient = bowl.Gradient();
        var scale = Math.Sqrt(Quadratic.Dot(expected, expected));
        Assert.All(expected.Zip(gradient), pair => Assert.True(Math.Abs(pair.First - pair.Second) <= 1e-6 * scale, $"grad {pair.Second}, expected {pair.First}"));
    }

    [Fact]
    public void Any_block_layout_and_conditioning_up_to_1e6_reads_each_blocks_closed_form_in_float64() =>
        Gen.Select(Gen.Int[1, 6].Array[1, 5], Gen.Double[0, 6], Gen.Int).Sample((blocks, logCondition, seed) =>
        {
            using var bowl = new QuadraticBowl(Quadratic.Random(blocks, Math.Pow(10, logCondition), seed), ScalarType.Float64);
            var held = Held(bowl, blocks);

            var reading = CurvatureProbe.For(bowl).Measure(bowl.Loss);

            var d = held.Direction(held.Theta);
            var ad = held.Times(d);
            foreach (var (layer, block) in reading.Layers.Zip(held.Blocks()))
            {
                AssertClose(Quadratic.Dot(d.AsSpan(block), ad.AsSpan(block)), layer.Curvature, 1e-9, layer.Layer);
            }
        }, iter: 200);

    [Fact]
    public void A_non_finite_loss_is_reported_without_a_reading()
    {
        using var bowl = new QuadraticBowl(Quadratic.Random(Blocks, 10, seed: 1), ScalarType.Float64);

        var reading = CurvatureProbe.For(bowl).Measure(() => bowl.Loss() / 0.0);

        Assert.False(double.IsFinite(reading.Loss));
        Assert.Equal(0, reading.Epsilon);
        Assert.All(reading.Layers, layer => Assert.Null(CurvatureStepSize.Of(layer.GradientSquaredNorm, layer.Curvature)));
        Assert.Equal(1, bowl.Passes);
    }

    /// <summary>The quadratic exactly as the module holds it (A, b and θ rounded to its precision).</summary>
    internal static Quadratic Held(QuadraticBowl bowl, int[] blocks) => new(bowl.Matrix(), bowl.Offset(), bowl.Theta(), blocks);

    internal static void AssertClose(double expected, double actual, double relativeTolerance, string what)
    {
        var error = Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(error <= relativeTolerance, $"{what}: {actual:R}, closed form {expected:R}, relative error {error:G3} > {relativeTolerance:G3}");
    }
}
