using SuperConvergence.Core.Schedules;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Training.RangeTests;

/// <summary>
/// The LR range test's schedule: from StartLr at the first iteration to EndLr at the last, linearly or
/// geometrically (equal ratios per step, the usual choice when the range spans decades); momentum held fixed.
/// </summary>
public sealed class LearningRateRamp : ITrainingSchedule
{
    private readonly double start;
    private readonly double end;
    private readonly RangeTestRamp ramp;
    private readonly double momentum;

    public LearningRateRamp(double start, double end, int iterations, RangeTestRamp ramp, double momentum)
    {
        if (!(start > 0) || !double.IsFinite(start))
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "start LR must be a finite number above 0");
        }

        if (!(end > start) || !double.IsFinite(end))
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "end LR must be finite and above the start LR");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 2);
        this.start = start;
        this.end = end;
        this.ramp = ramp;
        this.momentum = momentum;
        TotalSteps = iterations;
    }

    public int TotalSteps { get; }

    public ScheduleValue At(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(step, TotalSteps);
        var fraction = (double)step / (TotalSteps - 1);
        var learningRate = ramp switch
        {
            RangeTestRamp.Linear => start + ((end - start) * fraction),
            RangeTestRamp.Exponential => start * Math.Pow(end / start, fraction),
            _ => throw new InvalidOperationException($"unknown ramp {ramp}"),
        };
        return new ScheduleValue(learningRate, momentum);
    }
}
