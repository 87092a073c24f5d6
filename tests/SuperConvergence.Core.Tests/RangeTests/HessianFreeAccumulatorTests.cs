using CsCheck;
using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.Core.Tests.RangeTests;

public sealed class HessianFreeAccumulatorTests
{
    private static readonly string[] Names = ["conv", "fc"];

    private static LayerCurvature[] Reading(double convCurvature, double fcCurvature) => [new("conv", 1, convCurvature), new("fc", 1, fcCurvature)];

    [Fact]
    public void Iterations_without_positive_curvature_are_skipped_and_counted_per_layer_and_for_the_model()
    {
        var accumulator = new HessianFreeAccumulator(Names, window: 10);

        accumulator.Record(2.3, Reading(4, 2));
        var mixed = accumulator.Record(2.2, Reading(-1, 3));
        var negative = accumulator.Record(2.1, Reading(-1, -1));
        accumulator.Record(2.0, Reading(double.NaN, 1));
        var estimate = accumulator.Result(diverged: false);

        Assert.Equal([null, 1.0 / 3], mixed.LayerLearningRates);
        // The model's total, 2 / (−1 + 3), is positive although conv's share is not.
        Assert.Equal(1.0, mixed.LearningRate);
        Assert.Null(negative.LearningRate);
        Assert.Equal([null, null], negative.LayerLearningRates);
        Assert.Equal(4, estimate.Iterations);
        Assert.Equal(2, estimate.IterationsUsed);
        Assert.Equal(2, estimate.IterationsSkipped);
        Assert.Equal(new LayerLearningRate("conv", 0.25, 1, 3), estimate.Layers[0]);
        Assert.Equal("fc", estimate.Layers[1].Layer);
        Assert.Equal((3, 1), (estimate.Layers[1].IterationsUsed, estimate.Layers[1].IterationsSkipped));
        Assert.Equal([2.3, 2.2, 2.1, 2.0], estimate.Series.Select(i => i.Loss));
        Assert.Equal([0, 1, 2, 3], estimate.Series.Select(i => i.Iteration));
    }

    [Fact]
    public void The_estimate_is_the_log_median_of_the_last_window_estimates_and_the_series_carries_it_as_it_went()
    {
        var accumulator = new HessianFreeAccumulator(["w"], window: 3);
        double[] curvatures = [1, 2, -5, 4, 0.001, 8];
        foreach (var curvature in curvatures)
        {
            accumulator.Record(1, [new LayerCurvature("w", 1, curvature)]);
        }

        var estimate = accumulator.Result(diverged: false);

        // Estimates 1, 0.5, (skipped), 0.25, 1000, 0.125: the last three that exist are 0.25, 1000, 0.125.
        Assert.Equal(0.25, estimate.LearningRate!.Value, 15);
        Assert.Equal(0.25, estimate.Layers[0].LearningRate!.Value, 15);
        double?[] expectedSmoothed = [1, Math.Sqrt(0.5), Math.Sqrt(0.5), 0.5, 0.5, 0.25];
        Assert.Equal(expectedSmoothed.Select(v => Math.Round(v!.Value, 12)), estimate.Series.Select(i => Math.Round(i.SmoothedLearningRate!.Value, 12)));
        Assert.Equal(3, estimate.Window);
    }

    [Fact]
    public void With_no_positive_curvature_at_all_there_is_no_estimate_rather_than_a_negative_or_infinite_one()
    {
        var accumulator = new HessianFreeAccumulator(Names, window: 5);
        accumulator.Record(1, Reading(-2, 0));
        accumulator.Record(1, Reading(double.PositiveInfinity, -1));

        var estimate = accumulator.Result(diverged: true);

        Assert.Null(estimate.LearningRate);
        Assert.All(estimate.Layers, layer => Assert.Null(layer.LearningRate));
        Assert.Equal((0, 2), (estimate.IterationsUsed, estimate.IterationsSkipped));
        Assert.True(estimate.Diverged);
        Assert.All(estimate.Series, i => Assert.Null(i.SmoothedLearningRate));
    }

    [Fact]
    public void Whatever_the_readings_every_rate_is_finite_and_positive_or_absent() =>
        Gen.Select(Gen.Double.Where(d => !(d < 0)), Gen.Double, Gen.Double.Where(d => !(d < 0)), Gen.Double).Array[1, 20].Sample(readings =>
        {
            var accumulator = new HessianFreeAccumulator(Names, window: 4);
            foreach (var (g1, c1, g2, c2) in readings)
            {
                accumulator.Record(1, [new("conv", g1, c1), new("fc", g2, c2)]);
            }

            var estimate = accumulator.Result(diverged: false);

            IEnumerable<double?> rates = [
                estimate.LearningRate,
                .. estimate.Layers.Select(l => l.LearningRate),
                .. estimate.Series.SelectMany(i => (IEnumerable<double?>)[i.LearningRate, i.SmoothedLearningRate, .. i.LayerLearningRates])];
            Assert.All(rates, rate => Assert.True(rate is null || (double.IsFinite(rate.Value) && rate.Value > 0), $"rate {rate}"));
            Assert.Equal(readings.Length, estimate.IterationsUsed + estimate.IterationsSkipped);
        });

    [Fact]
    public void A_reading_must_list_the_layers_in_the_order_given()
    {
        var accumulator = new HessianFreeAccumulator(Names, window: 3);

        Assert.Throws<ArgumentException>(() => accumulator.Record(1, [new("fc", 1, 1), new("conv", 1, 1)]));
        Assert.Throws<ArgumentException>(() => accumulator.Record(1, [new("conv", 1, 1)]));
        Assert.Throws<ArgumentException>(() => new HessianFreeAccumulator(["a", "a"], 3));
        Assert.Throws<ArgumentException>(() => new HessianFreeAccumulator([], 3));
    }
}
