namespace SuperConvergence.Core.RangeTests;

/// <summary>
/// A range test's ramp as a schedule: step i at <see cref="RangeTestPlan.LearningRateAt"/>, momentum held where the
/// range test holds it. Lets a range test be written out like any schedule (the command trainer's schedule file).
/// </summary>
public sealed class RangeTestSchedule(RangeTestPlan plan, double momentum) : ITrainingSchedule
{
    public int TotalSteps => plan.Iterations;

    public ScheduleValue At(int step) => new(plan.LearningRateAt(step), momentum);
}
