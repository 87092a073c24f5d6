namespace SuperConvergence.Core.Trials;

/// <summary>Turns a range test's points, in order, into its progress: counts them and carries the newest accuracy forward.</summary>
public sealed class RangeTestProgressCounter(int plannedIterations)
{
    private int _iterations;
    private double? _accuracy;

    /// <summary>The progress once <paramref name="point"/> is recorded.</summary>
    public RangeTestProgress Record(RangeTestPoint point)
    {
        _iterations++;
        _accuracy = point.Accuracy ?? _accuracy;
        return new RangeTestProgress(_iterations, plannedIterations, point.LearningRate, point.Loss, _accuracy);
    }

    /// <summary>The progress a finished curve ends at (what recording every point would give); null for an empty curve.</summary>
    public static RangeTestProgress? OfCurve(IReadOnlyList<RangeTestPoint> curve, int plannedIterations)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (curve.Count == 0)
        {
            return null;
        }

        double? accuracy = null;
        for (var i = curve.Count - 1; i >= 0 && accuracy is null; i--)
        {
            accuracy = curve[i].Accuracy;
        }

        var last = curve[^1];
        return new RangeTestProgress(curve.Count, plannedIterations, last.LearningRate, last.Loss, accuracy);
    }
}
