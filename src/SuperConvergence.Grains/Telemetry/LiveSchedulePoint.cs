using SuperConvergence.Core.Schedules;

namespace SuperConvergence.Grains.Telemetry;

/// <summary>
/// Where a training trial's schedule stands now, beside where its 1cycle plans it to be at the same point of the
/// cycle: the live view that tells an operator whether the trainer follows the schedule it was given.
/// </summary>
/// <param name="StepsTaken">Optimizer steps taken since the cycle began; null when the trainer reports epochs only.</param>
/// <param name="CycleSteps">The optimizer steps of the whole cycle; null when the trainer reports epochs only.</param>
/// <param name="LearningRate">The LR the optimizer used last.</param>
/// <param name="Momentum">The momentum the optimizer used last (the plan's, when the trainer reports epochs only).</param>
/// <param name="Planned">The 1cycle's LR and momentum at the same fraction of the cycle.</param>
public sealed record LiveSchedulePoint(long? StepsTaken, long? CycleSteps, double LearningRate, double Momentum, ScheduleValue Planned)
{
    /// <summary>The point a trainer's step stands for.</summary>
    public static LiveSchedulePoint AtStep(in TrainingStep step, CyclePlan plan) =>
        new(step.StepsTaken, step.CycleSteps, step.LearningRate, step.Momentum, plan.After((double)step.StepsTaken / step.CycleSteps));

    /// <summary>The point at an epoch's end, from what a trainer reporting epochs only says: its LR, and the plan's momentum.</summary>
    public static LiveSchedulePoint AtEndOf(EpochMetrics epoch, CyclePlan plan)
    {
        var planned = plan.AtEndOf(epoch.Epoch);
        return new(null, null, epoch.LearningRate, planned.Momentum, planned);
    }
}
