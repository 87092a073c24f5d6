namespace SuperConvergence.Core.RangeTests;

/// <summary>
/// The median, taken on log LR, of the last <see cref="Window"/> values added: how the Hessian-free estimate is
/// smoothed over iterations. A median rather than an exponential moving average because gᵀg/gᵀHg has a heavy right
/// tail: an iteration whose curvature along g is barely positive gives a step thousands of times the usual one, which
/// an EMA would carry for ~1/(1−β) iterations while a median ignores it as long as it is under half the window. On
/// log LR so that an even window's median is the geometric mean of its middle pair, as in
/// <see cref="RangeTestAggregation.LogMedian"/>.
/// </summary>
public sealed class TrailingLogMedian
{
    private readonly Queue<double> _recent;

    public TrailingLogMedian(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        Window = window;
        _recent = new Queue<double>(window);
    }

    public int Window { get; }

    /// <summary>The median of the values in the window; null before the first.</summary>
    public double? Value => _recent.Count == 0 ? null : RangeTestAggregation.LogMedian(_recent);

    /// <summary>Adds a value (a finite positive LR), dropping the oldest once the window is full.</summary>
    public void Add(double learningRate)
    {
        if (!double.IsFinite(learningRate) || learningRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "must be a finite LR > 0");
        }

        if (_recent.Count == Window)
        {
            _recent.Dequeue();
        }

        _recent.Enqueue(learningRate);
    }
}
