namespace SuperConvergence.Cli.Schedules;

/// <summary>
/// A schedule, step by step. CSV: header `step,lr,momentum`, one row per step. JSON: {"totalSteps": N, "steps":
/// [{"step", "lr", "momentum"}]}. Numbers in their shortest round-trip form.
/// </summary>
public static class ScheduleOutput
{
    public const string CsvHeader = ScheduleCsv.Header;

    public static void WriteCsv(ITrainingSchedule schedule, TextWriter output) => ScheduleCsv.Write(schedule, output);

    /// <summary>The JSON document, streamed: memory stays bounded for any number of steps.</summary>
    public static void WriteJson(ITrainingSchedule schedule, TextWriter output) => JsonWriting.Stream(output, w => WriteDocument(w, schedule));

    /// <summary>
    /// The JSON document into <paramref name="w"/>, handing on what it holds every so often. The one document written by
    /// hand rather than through <see cref="CliJsonContext"/>: a schedule may have millions of steps, one serializer call
    /// for the whole would hold them all in memory, and one per step made `sc schedule --format json` 2.3 times slower.
    /// </summary>
    public static void WriteDocument(Utf8JsonWriter w, ITrainingSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(schedule);
        w.WriteStartObject();
        w.WriteNumber("totalSteps", schedule.TotalSteps);
        w.WriteStartArray("steps");
        for (var step = 0; step < schedule.TotalSteps; step++)
        {
            var value = schedule.At(step);
            w.WriteStartObject();
            w.WriteNumber("step", step);
            w.WriteNumber("lr", value.LearningRate);
            w.WriteNumber("momentum", value.Momentum);
            w.WriteEndObject();
            w.FlushWhenFull();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>For people: at most ~20 evenly spaced rows, always the first and last step.</summary>
    public static void WriteTable(ITrainingSchedule schedule, TextWriter output)
    {
        var every = Math.Max(1, (schedule.TotalSteps - 1) / 20);
        output.WriteLine($"{"step",8}  {"lr",14}  {"momentum",10}");
        for (var step = 0; step < schedule.TotalSteps; step++)
        {
            if (step % every == 0 || step == schedule.TotalSteps - 1)
            {
                var value = schedule.At(step);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step,8}  {value.LearningRate,14:G6}  {value.Momentum,10:G6}"));
            }
        }
    }
}
