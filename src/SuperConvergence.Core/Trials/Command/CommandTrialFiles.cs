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
        WriteConfig(run, "train", w =>
        {
            w.WriteString("dataset", config.Dataset);
            w.WriteString("model", config.Model);
            w.WriteNumber("seed", config.Seed);
            w.WriteNumber("batch_size", config.BatchSize);
            w.WriteNumber("weight_decay", config.WeightDecay);
            w.WriteNumber("max_lr", config.MaxLr);
            w.WriteNumber("min_lr", config.MinLr);
            w.WriteNumber("final_lr", config.MinLr / config.FinalDivFactor);
            w.WriteNumber("div_factor", config.DivFactor);
            w.WriteNumber("final_div_factor", config.FinalDivFactor);
            w.WriteNumber("base_momentum", config.BaseMomentum);
            w.WriteNumber("max_momentum", config.MaxMomentum);
            w.WriteNumber("cycle_epochs", config.CycleEpochs);
            w.WriteNumber("steps_per_epoch", stepsPerEpoch);
            WriteSubset(w, config.TrainImages, config.TestImages);
            w.WriteString("checkpoint_dir", Checkpoints);
            if (resumeEpoch > 0)
            {
                w.WriteString("resume_dir", Resume);
            }
            else
            {
                w.WriteNull("resume_dir");
            }

            w.WriteNumber("resume_epoch", resumeEpoch);
        });
    }

    /// <summary>A range test's files: its ramp as the schedule, at the range test's momentum.</summary>
    public void WriteRangeTest(TrialRun run, RangeTestConfig config)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(config);
        WriteSchedule(new RangeTestSchedule(new RangeTestPlan(config.StartLr, config.EndLr, config.Iterations, config.Ramp), config.Momentum));
        WriteConfig(run, "range_test", w =>
        {
            w.WriteString("dataset", config.Dataset);
            w.WriteString("model", config.Model);
            w.WriteNumber("seed", config.Seed);
            w.WriteNumber("batch_size", config.BatchSize);
            w.WriteNumber("weight_decay", config.WeightDecay);
            w.WriteNumber("start_lr", config.StartLr);
            w.WriteNumber("end_lr", config.EndLr);
            w.WriteNumber("iterations", config.Iterations);
            w.WriteString("ramp", config.Ramp.ToString().ToLowerInvariant());
            w.WriteNumber("momentum", config.Momentum);
            w.WriteNumber("accuracy_every", config.AccuracyEvery);
            WriteSubset(w, config.TrainImages, config.TestImages);
        });
    }

    private void WriteSchedule(ITrainingSchedule schedule)
    {
        using var writer = new StreamWriter(Schedule);
        ScheduleCsv.Write(schedule, writer);
    }

    private void WriteConfig(TrialRun run, string mode, Action<Utf8JsonWriter> fields)
    {
        using var stream = File.Create(Config);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("protocol", ProtocolVersion);
        w.WriteString("mode", mode);
        w.WriteString("sweep_id", run.SweepId);
        w.WriteString("trial_id", run.TrialId);
        w.WriteNumber("attempt", run.Attempt);
        fields(w);
        w.WriteString("schedule", Schedule);
        w.WriteEndObject();
    }

    private static void WriteSubset(Utf8JsonWriter w, int? trainImages, int? testImages)
    {
        foreach (var (name, value) in new[] { ("train_images", trainImages), ("test_images", testImages) })
        {
            if (value is { } images)
            {
                w.WriteNumber(name, images);
            }
            else
            {
                w.WriteNull(name);
            }
        }
    }
}
