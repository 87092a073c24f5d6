namespace SuperConvergence.Core.RangeTests;

/// <summary>
/// The LR ramp of a range test: from StartLr to EndLr over Iterations steps, linearly or exponentially (equal ratios
/// per step, the usual choice: every decade gets the same number of iterations).
/// </summary>
public sealed class RangeTestPlan
{
    /// <summary>
    /// The most iterations, hence points, a range test has: 100,000 is 25,000 per decade over four decades, far past
    /// what any rule needs, and a sweep keeps every curve in grain state and sends it over the wire.
    /// </summary>
    public const int MaxIterations = 100_000;

    public RangeTestPlan(double startLr, double endLr, int iterations, RangeTestRamp ramp)
    {
        if (!double.IsFinite(startLr) || startLr <= 0)
        {
            throw new ScheduleSettingException("start_lr", startLr, "must be a finite number > 0");
        }

        if (!double.IsFinite(endLr) || endLr <= startLr)
        {
            throw new ScheduleSettingException("end_lr", endLr, "must be a finite number > start_lr");
        }

        if (iterations < 2 || iterations > MaxIterations)
        {
            throw new ScheduleSettingException("iterations", iterations, $"must be between 2 and {MaxIterations}");
        }

        if (!Enum.IsDefined(ramp))
        {
            throw new ScheduleSettingException("ramp", ramp, "must be linear or exponential");
        }

        (StartLr, EndLr, Iterations, Ramp) = (startLr, endLr, iterations, ramp);
    }

    public double StartLr { get; }

    public double EndLr { get; }

    public int Iterations { get; }

    public RangeTestRamp Ramp { get; }

    /// <summary>The LR of iteration <paramref name="i"/> (0 … Iterations − 1): StartLr first, EndLr last.</summary>
    public double LearningRateAt(int i)
    {
        if (i < 0 || i >= Iterations)
        {
            throw new ArgumentOutOfRangeException(nameof(i), i, $"iteration must be in [0, {Iterations - 1}]");
        }

        var t = i / (double)(Iterations - 1);
        return Ramp == RangeTestRamp.Exponential
            ? StartLr * Math.Pow(EndLr / StartLr, t)
            : StartLr + (EndLr - StartLr) * t;
    }
}
