using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Core.Tests.Trials;

/// <summary>A finished curve's progress is what recording its points one by one ends at.</summary>
public sealed class RangeTestProgressCounterTests
{
    [Fact]
    public void A_finished_curve_ends_where_recording_every_point_ends()
    {
        RangeTestPoint[] curve =
        [
            new(1e-4, 2.3, null), new(1e-3, 2.1, 0.2), new(1e-2, 1.7, null), new(1e-1, 1.2, 0.6), new(1.0, double.NaN, null),
        ];
        var counter = new RangeTestProgressCounter(plannedIterations: 8);
        RangeTestProgress? recorded = null;
        foreach (var point in curve)
        {
            recorded = counter.Record(point);
        }

        var finished = RangeTestProgressCounter.OfCurve(curve, plannedIterations: 8);

        Assert.Equal(recorded, finished);
        Assert.Equal(new RangeTestProgress(5, 8, 1.0, double.NaN, 0.6), finished);
    }

    [Fact]
    public void A_curve_without_accuracy_or_points_says_so()
    {
        Assert.Null(RangeTestProgressCounter.OfCurve([], plannedIterations: 3));
        Assert.Null(RangeTestProgressCounter.OfCurve([new RangeTestPoint(0.1, 1.0, null)], plannedIterations: 3)!.Accuracy);
    }
}
