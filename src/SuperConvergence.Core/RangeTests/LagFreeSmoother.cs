namespace SuperConvergence.Core.RangeTests;

/// <summary>
/// A zero-phase smoother for a finished range-test curve: an exponential filter run forward and then backward over
/// log10 LR, with a time constant in decades rather than in points. A causal moving average (fastai's) trails the
/// curve by β/(1−β) points — half a decade or more in a short test — so its minimum lands late, and how late depends
/// on how many iterations the test spent per decade. Run both ways, the filter's delays cancel: a symmetric valley
/// keeps its minimum where it is, and because each step's weight is 1 − exp(−Δlog10 LR / τ) the smoothing spans the
/// same LR interval at any test length and on any ramp (a linear ramp's dense top decade is averaged over τ decades,
/// not over a fixed count of points).
/// <para>
/// It smooths the logarithm of the loss: losses are positive, their noise is multiplicative, and a blow-up is a
/// multiplicative event. Each log-loss is capped at <c>ln(CapFactor)</c> above the lowest raw loss so far, so a
/// diverging tail of 1e6 and one of 10 look alike: the tail cannot leak back into the valley before it by more than
/// a bounded amount.
/// </para>
/// </summary>
public static class LagFreeSmoother
{
    /// <summary>How far above the lowest raw loss so far a loss counts at most (a blown-up tail, however high, is this).</summary>
    public const double CapFactor = 16;

    /// <summary>
    /// The smoothed losses of <paramref name="losses"/> (finite, > 0 not required: values ≤ 0 are floored at a tiny
    /// positive loss) at strictly increasing <paramref name="learningRates"/>, with time constant
    /// <paramref name="decades"/> in decades of LR.
    /// </summary>
    public static double[] Smooth(ReadOnlySpan<double> learningRates, ReadOnlySpan<double> losses, double decades)
    {
        if (learningRates.Length != losses.Length)
        {
            throw new ArgumentException("learning rates and losses must have the same length", nameof(losses));
        }

        if (!(decades > 0) || !double.IsFinite(decades))
        {
            throw new ArgumentOutOfRangeException(nameof(decades), decades, "must be a finite number > 0");
        }

        var n = losses.Length;
        var smoothed = new double[n];
        if (n == 0)
        {
            return smoothed;
        }

        var capAbove = Math.Log(CapFactor);
        var lowest = double.PositiveInfinity;
        var logs = new double[n];
        for (var i = 0; i < n; i++)
        {
            var log = Math.Log(Math.Max(losses[i], 1e-12));
            logs[i] = Math.Min(log, lowest + capAbove);
            lowest = Math.Min(lowest, log);
        }

        // Forward pass, then backward over the forward pass' output: the two delays cancel.
        smoothed[0] = logs[0];
        for (var i = 1; i < n; i++)
        {
            smoothed[i] = smoothed[i - 1] + Weight(learningRates[i - 1], learningRates[i], decades) * (logs[i] - smoothed[i - 1]);
        }

        for (var i = n - 2; i >= 0; i--)
        {
            smoothed[i] = smoothed[i + 1] + Weight(learningRates[i], learningRates[i + 1], decades) * (smoothed[i] - smoothed[i + 1]);
        }

        for (var i = 0; i < n; i++)
        {
            smoothed[i] = Math.Exp(smoothed[i]);
        }

        return smoothed;
    }

    /// <summary>The weight of the next point: 1 − exp(−Δ/τ) for a step of Δ decades, so τ decades hold the same weight at any point density.</summary>
    private static double Weight(double lr, double nextLr, double decades) => -double.ExpM1(-Math.Log10(nextLr / lr) / decades);
}
