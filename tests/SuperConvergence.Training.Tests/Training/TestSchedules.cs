using System.Globalization;
using SuperConvergence.Core.Schedules;
using SuperConvergence.Training.Training;

namespace SuperConvergence.Training.Tests.Training;

/// <summary>Core's schedules as the recipes engine tests train with.</summary>
internal static class TestSchedules
{
    public static ScheduleRecipe Constant(double learningRate, double momentum = 0.9) =>
        new(string.Create(CultureInfo.InvariantCulture, $"constant({learningRate},{momentum})"), steps => new ConstantSchedule(learningRate, momentum, steps));

    public static ScheduleRecipe OneCycle(double maxLr) =>
        new(string.Create(CultureInfo.InvariantCulture, $"onecycle({maxLr})"), steps => new OneCycleSchedule(new OneCycleOptions(maxLr, steps)));
}
