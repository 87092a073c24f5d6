using CsCheck;
using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.Core.Tests.RangeTests;

public sealed class TrailingLogMedianTests
{
    [Fact]
    public void It_is_empty_until_a_value_comes_then_the_median_of_the_last_window_values()
    {
        var median = new TrailingLogMedian(3);
        Assert.Null(median.Value);

        median.Add(0.1);
        Assert.Equal(0.1, median.Value!.Value, 15);
        median.Add(0.4);
        // Two values: the median on log LR is their geometric mean.
        Assert.Equal(0.2, median.Value!.Value, 15);
        median.Add(1000);
        Assert.Equal(0.4, median.Value!.Value, 15);
        median.Add(0.3);
        median.Add(0.2);
        // 0.1 and 0.4 have left the window of three: 1000, 0.3, 0.2.
        Assert.Equal(0.3, median.Value!.Value, 15);
    }

    [Fact]
    public void One_spike_in_a_window_of_three_or_more_stays_within_the_range_of_the_other_values() =>
        Gen.Select(Gen.Double[1e-4, 10].List[2, 30], Gen.Double[1e-9, 1e12], Gen.Int[0, 30]).Sample((others, spike, at) =>
        {
            var median = new TrailingLogMedian(others.Count + 1);
            var values = others.ToList();
            values.Insert(Math.Min(at, values.Count), spike);
            foreach (var value in values)
            {
                median.Add(value);
            }

            Assert.InRange(median.Value!.Value, others.Min() * (1 - 1e-12), others.Max() * (1 + 1e-12));
        });

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Only_finite_positive_rates_enter(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrailingLogMedian(3).Add(value));

    [Fact]
    public void The_window_holds_at_least_one_value() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrailingLogMedian(0));
}
