using System.Text.Json;
using SuperConvergence.Core.Schedules;
using SuperConvergence.Core.Trials;
using SuperConvergence.Core.Trials.Command;

namespace SuperConvergence.Core.Tests.Trials.Command;

/// <summary>What a command-trainer program is handed: its config, its schedule as `sc schedule` prints it, its checkpoint round trip.</summary>
public sealed class CommandTrialFilesTests : IDisposable
{
    private static readonly TrialConfig Config = new("cifar10", "resnet-20", 0.8, 25, 1e4, 5e-4, 256, 3, 0.85, 0.95, Seed: 7, TrainImages: 1000);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sc-command-files-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void A_training_attempt_gets_its_config_and_the_whole_cycle_step_by_step()
    {
        var files = new CommandTrialFiles(_directory.FullName);
        files.WriteTraining(new TrialRun("s", "s-000004", 2), Config, 50, resumeEpoch: 1);

        using var config = JsonDocument.Parse(File.ReadAllText(files.Config));
        var root = config.RootElement;
        Assert.Equal("train", root.GetProperty("mode").GetString());
        Assert.Equal("s-000004", root.GetProperty("trial_id").GetString());
        Assert.Equal(2, root.GetProperty("attempt").GetInt32());
        Assert.Equal(0.8, root.GetProperty("max_lr").GetDouble());
        Assert.Equal(0.8 / 25, root.GetProperty("min_lr").GetDouble());
        Assert.Equal(5e-4, root.GetProperty("weight_decay").GetDouble());
        Assert.Equal(256, root.GetProperty("batch_size").GetInt32());
        Assert.Equal(3, root.GetProperty("cycle_epochs").GetInt32());
        Assert.Equal(7, root.GetProperty("seed").GetInt32());
        Assert.Equal(1000, root.GetProperty("train_images").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("test_images").ValueKind);
        Assert.Equal(files.Resume, root.GetProperty("resume_dir").GetString());
        Assert.Equal(1, root.GetProperty("resume_epoch").GetInt32());
        Assert.True(Directory.Exists(root.GetProperty("checkpoint_dir").GetString()));

        using var expected = new StringWriter();
        ScheduleCsv.Write(CyclePlan.ScheduleOf(Config, 50), expected);
        Assert.Equal(expected.ToString(), File.ReadAllText(root.GetProperty("schedule").GetString()!));
        Assert.Equal(1 + (3 * 50), File.ReadLines(files.Schedule).Count());
    }

    [Fact]
    public void The_config_keys_come_in_the_documented_order_for_both_modes()
    {
        var files = new CommandTrialFiles(_directory.FullName);
        files.WriteTraining(new TrialRun("s", "s-000004", 2), Config, 50, resumeEpoch: 0);
        Assert.Equal(
            ["protocol", "mode", "sweep_id", "trial_id", "attempt", "dataset", "model", "seed", "batch_size", "weight_decay", "max_lr", "min_lr",
             "final_lr", "div_factor", "final_div_factor", "base_momentum", "max_momentum", "cycle_epochs", "steps_per_epoch", "train_images",
             "test_images", "checkpoint_dir", "resume_dir", "resume_epoch", "schedule"],
            Keys(files.Config));

        files.WriteRangeTest(new TrialRun("s", "s-000001", 1), new RangeTestConfig("d", "m", 1e-4, 1, 5, RangeTestRamp.Exponential, 0, 64, 0.9, 3));
        Assert.Equal(
            ["protocol", "mode", "sweep_id", "trial_id", "attempt", "dataset", "model", "seed", "batch_size", "weight_decay", "start_lr", "end_lr",
             "iterations", "ramp", "momentum", "accuracy_every", "train_images", "test_images", "schedule"],
            Keys(files.Config));
    }

    private static string[] Keys(string file)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(file));
        return [.. config.RootElement.EnumerateObject().Select(p => p.Name)];
    }

    [Fact]
    public void A_range_test_gets_its_ramp_as_the_schedule()
    {
        var files = new CommandTrialFiles(_directory.FullName);
        files.WriteRangeTest(new TrialRun("s", "s-000001", 1), new RangeTestConfig("d", "m", 1e-4, 1, 5, RangeTestRamp.Exponential, 0, 64, 0.9, 3));

        using var config = JsonDocument.Parse(File.ReadAllText(files.Config));
        Assert.Equal("range_test", config.RootElement.GetProperty("mode").GetString());
        Assert.Equal(5, config.RootElement.GetProperty("iterations").GetInt32());
        var rows = File.ReadLines(files.Schedule).ToArray();
        Assert.Equal(["step,lr,momentum", "0,0.0001,0.9", "1,0.001,0.9", "2,0.01,0.9", "3,0.1,0.9", "4,1,0.9"], rows.Select(RoundLr));
    }

    [Fact]
    public void A_checkpoint_round_trips_the_directory_and_refuses_another_config()
    {
        var saved = Directory.CreateDirectory(Path.Combine(_directory.FullName, "saved"));
        File.WriteAllText(Path.Combine(saved.FullName, "model.pt"), "weights");
        Directory.CreateDirectory(Path.Combine(saved.FullName, "optimizer")).CreateSubdirectory("state");
        File.WriteAllText(Path.Combine(saved.FullName, "optimizer", "state", "m.bin"), "momentum");

        var checkpoint = CommandCheckpoint.Pack(saved.FullName, 2, Config);
        var restored = Path.Combine(_directory.FullName, "restored");
        Directory.CreateDirectory(restored);

        Assert.Equal(2, CommandCheckpoint.Unpack(checkpoint, Config, restored));
        Assert.Equal("weights", File.ReadAllText(Path.Combine(restored, "model.pt")));
        Assert.Equal("momentum", File.ReadAllText(Path.Combine(restored, "optimizer", "state", "m.bin")));
        var other = Assert.Throws<ArgumentException>(() => CommandCheckpoint.Unpack(checkpoint, Config with { Seed = 8 }, restored));
        Assert.Contains("different trial config", other.Message, StringComparison.Ordinal);
    }

    /// <summary>The exponential ramp's powers of ten, to the digits a double gives them.</summary>
    private static string RoundLr(string row)
    {
        var parts = row.Split(',');
        return parts[0] == "step" ? row : $"{parts[0]},{double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture).ToString("G10", System.Globalization.CultureInfo.InvariantCulture)},{parts[2]}";
    }
}
