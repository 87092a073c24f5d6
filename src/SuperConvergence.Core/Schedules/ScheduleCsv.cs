namespace SuperConvergence.Core.Schedules;

/// <summary>
/// A schedule as CSV, step by step: header <c>step,lr,momentum</c>, one row per step (from 0), numbers in their
/// shortest round-trip form. What <c>sc schedule</c> prints and what the command trainer hands its program.
/// </summary>
public static class ScheduleCsv
{
    public const string Header = "step,lr,momentum";

    public static void Write(ITrainingSchedule schedule, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(Header);
        var line = new StringBuilder();
        for (var step = 0; step < schedule.TotalSteps; step++)
        {
            var value = schedule.At(step);
            line.Clear()
                .Append(step.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(value.LearningRate.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(value.Momentum.ToString("R", CultureInfo.InvariantCulture));
            output.WriteLine(line);
        }
    }
}
