using CsCheck;
using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.Core.Tests.RangeTests;

public sealed class CurvatureStepSizeTests
{
    [Fact]
    public void A_positive_curvature_gives_gtg_over_gthg()
    {
        Assert.Equal(0.25, CurvatureStepSize.Of(2, 8));
        Assert.Equal(4e6, CurvatureStepSize.Of(4, 1e-6));
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(1.0, -3.0)]
    [InlineData(1.0, double.NaN)]
    [InlineData(1.0, double.PositiveInfinity)]
    [InlineData(1.0, double.NegativeInfinity)]
    [InlineData(0.0, 1.0)]
    [InlineData(double.PositiveInfinity, 1.0)]
    [InlineData(double.NaN, 1.0)]
    [InlineData(1e300, 1e-300)]
    public void Non_positive_or_non_finite_curvature_or_a_step_that_overflows_gives_no_estimate(double squaredNorm, double curvature) =>
        Assert.Null(CurvatureStepSize.Of(squaredNorm, curvature));

    [Fact]
    public void A_negative_squared_norm_is_a_caller_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CurvatureStepSize.Of(-1, 1));

    [Fact]
    public void Any_reading_gives_a_finite_positive_step_or_none() =>
        Gen.Select(Gen.Double.Where(d => !(d < 0)), Gen.Double).Sample((squaredNorm, curvature) =>
        {
            var step = CurvatureStepSize.Of(squaredNorm, curvature);

            Assert.True(step is null || (double.IsFinite(step.Value) && step.Value > 0), $"step {step} from {squaredNorm}/{curvature}");
        });

    [Fact]
    public void The_whole_model_divides_the_sums_so_a_layer_with_negative_curvature_still_counts()
    {
        LayerCurvature[] layers = [new("a", 1, 4), new("b", 3, -1)];

        // (1 + 3) / (4 − 1): the model curves upward along g even though layer b alone curves down.
        Assert.Equal(4.0 / 3, CurvatureStepSize.WholeModel(layers)!.Value, 15);
    }

    [Fact]
    public void The_whole_model_gives_no_estimate_when_its_total_curvature_is_not_positive_or_not_finite()
    {
        Assert.Null(CurvatureStepSize.WholeModel([new("a", 1, 2), new("b", 1, -2)]));
        Assert.Null(CurvatureStepSize.WholeModel([new("a", 1, 2), new("b", 1, double.NaN)]));
        Assert.Null(CurvatureStepSize.WholeModel([new("a", 1, 2), new("b", double.PositiveInfinity, 1)]));
    }
}
