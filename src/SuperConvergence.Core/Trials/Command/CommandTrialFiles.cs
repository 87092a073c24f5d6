namespace SuperConvergence.Core.Trials.Command;

/// <summary>
/// The files one attempt of a command-trainer trial hands its program, in the attempt's own directory:
/// <c>config.json</c> (what to run; its path is in <c>$SC_TRIAL_CONFIG</c>), <c>schedule.csv</c> (the LR and momentum
/// of every step, as <c>sc schedule</c> prints them), <c>checkpoints/</c> (where the program saves epoch N's state, in
/// <c>checkpoints/N/</c>, before it prints epoch N's line) and, when the attempt resumes, <c>resume/</c> (the state
/// the program saved after the epoch it resumes from). docs/training.md#command-trainer is the protocol.
/// </summary>
public sealed class CommandTrialFiles(string directory)
{
    /// <summary>The protocol's version, in the config: a program can refuse one it does not know.</summary>
    public const int ProtocolVersion = 1;

    public string Directory { get; } = directory;

    public string Config => Path.Combine(Directory, "config.json");

    public string Schedule => Path.Combine(Directory, "schedule.csv");

    public string Checkpoints => Path.Combine(Directory, "checkpoints");

    public string Resume => Path.Combine(Directory, "resume");

    /// <summary>Where the program saves the state of <paramref name="epoch"/>.</summary>
    public string CheckpointOf(int epoch) => Path.Combine(Checkpoints, epoch.ToString(CultureInfo.InvariantCulture));

    /// <summary>A training trial's files: its 1cycle over <paramref name="stepsPerEpoch"/> steps per epoch, resumed after <paramref name="resumeEpoch"/> (0: from the start).</summary>
    public void WriteTraining(TrialRun run, TrialConfig config, int stepsPerEpoch, int resumeEpoch)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(config);
        System.IO.Directory.CreateDirectory(Checkpoints);
        WriteSchedule(CyclePlan.ScheduleOf(config, stepsPerEpoch));
        WriteConfig(
            new CommandTrainingConfig(run, config, stepsPerEpoch, Checkpoints, resumeEpoch > 0 ? Resume : null, resumeEpoch, Schedule),
            CommandTrialJsonContext.Default.CommandTrainingConfig);
    }

    /// <summary>A range test's files: its ramp as the schedule, at the range test's momentum.</summary>
    public void WriteRangeTest(TrialRun run, RangeTestConfig config)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(config);
        WriteSchedule(new RangeTestSchedule(new RangeTestPlan(config.StartLr, config.EndLr, config.Iterations, config.Ramp), config.Momentum));
        WriteConfig(
            new CommandRangeTestConfig(run, config, Schedule),
            CommandTrialJsonContext.Default.CommandRangeTestConfig);
    }

    private void WriteSchedule(ITrainingSchedule schedule)
    {
        using var writer = new StreamWriter(Schedule);
        ScheduleCsv.Write(schedule, writer);
    }

    private void WriteConfig<T>(T config, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> contract)
    {
        using var stream = File.Create(Config);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        JsonSerializer.Serialize(w, config, contract);
    }
}
