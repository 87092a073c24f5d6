using SuperConvergence.Core.Schedules;
using SuperConvergence.Training.Training;

namespace SuperConvergence.Training.Tests.Training;

/// <summary>Schedules for engine tests (the schedule formulas themselves are Core's and tested there).</summary>
internal static class TestSchedules
{
    public static ScheduleRecipe Constant(double learningRate, double momentum = 0.9) =>
        new($"constant({learningRate},{momentum})", steps => new Fixed(steps, learningRate, momentum));

    private sealed class Fixed(int steps, double learningRate, double momentum) : ITrainingSchedule
    {
        public int TotalSteps => steps;

        public ScheduleValue At(int step) => new(learningRate, momentum);
    }
}
