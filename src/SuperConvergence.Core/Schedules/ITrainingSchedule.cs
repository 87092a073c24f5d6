namespace SuperConvergence.Core.Schedules;

/// <summary>
/// A learning-rate (and momentum) policy as a pure function of the iteration index, 0 … TotalSteps−1.
/// Trainers ask it once per iteration; being pure, a resumed run only needs to know its step.
/// </summary>
public interface ITrainingSchedule
{
    /// <summary>Number of iterations the schedule is defined for.</summary>
    int TotalSteps { get; }

    /// <summary>Learning rate and momentum (Adam's beta1 for Adam-like optimisers) at <paramref name="step"/>.</summary>
    ScheduleValue At(int step);
}

/// <summary>The optimiser settings for one iteration.</summary>
public readonly record struct ScheduleValue(double LearningRate, double Momentum);
