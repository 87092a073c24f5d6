using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Commands;

/// <summary>What `sc train` refuses before it trains, and what it reports when its data cannot be read.</summary>
public sealed class TrainCommandRefusalTests
{
    private static readonly string[] Quick = ["train", "--dataset", "synthetic", "--model", "mlp", "--width", "0.25", "--batch-size", "64", "--max-lr", "0.1", "--epochs", "1"];

    [Fact]
    public async Task Nesterov_without_momentum_is_bad_input_naming_the_momentum_range()
    {
        var outcome = await CliRunner.RunAsync([.. Quick, "--nesterov", "--momentum-range", "0,0"]);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal("error: --momentum-range: '0,0' must have BASE > 0 with --nesterov (Nesterov momentum needs a momentum)", outcome.Error.Trim());
        Assert.Empty(outcome.Out);
    }

    [Fact]
    public async Task A_checkpoint_dir_that_is_a_file_is_refused_before_training_and_the_file_is_kept()
    {
        using var directory = TemporaryDirectory.Create();
        var file = directory.File("notes.txt");
        File.WriteAllText(file, "keep me");

        var outcome = await CliRunner.RunAsync([.. Quick, "--checkpoint-dir", file]);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal($"error: --checkpoint-dir: '{file}' is a file, not a directory", outcome.Error.Trim());
        Assert.Empty(outcome.Out);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public async Task A_checkpoint_dir_that_cannot_be_created_is_refused_before_training()
    {
        using var directory = TemporaryDirectory.Create();
        var (beneathAFile, _) = CachedFiles.BeneathAFile(directory, "checkpoints");

        var outcome = await CliRunner.RunAsync([.. Quick, "--checkpoint-dir", beneathAFile]);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        var error = Assert.Single(outcome.Error.Trim().Split('\n'));
        Assert.StartsWith($"error: --checkpoint-dir: '{beneathAFile}' is not a writable directory: ", error);
        Assert.Empty(outcome.Out);
    }

    [Fact]
    public async Task A_fresh_checkpoint_dir_is_created_and_holds_only_checkpoints_and_their_metrics()
    {
        using var directory = TemporaryDirectory.Create();
        var checkpoints = Path.Combine(directory.Path, "runs", "a");

        var outcome = await CliRunner.RunAsync([.. Quick, "--checkpoint-dir", checkpoints]);

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(["epoch-0001.metrics.json", "epoch-0001.sccheckpoint"], Directory.GetFiles(checkpoints).Select(Path.GetFileName).Order());
        if (!OperatingSystem.IsWindows())
        {
            // Created for the run, so for its owner only; the files too.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(checkpoints));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(directory.Path, "runs")));
            foreach (var file in Directory.GetFiles(checkpoints))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }
    }

    [Fact]
    public async Task A_corrupt_dataset_file_fails_with_exit_1_naming_the_file_and_what_is_wrong()
    {
        using var cache = TemporaryDirectory.Create();
        var images = CachedFiles.WriteMnist(cache, trainImages: 4);
        var whole = File.ReadAllBytes(images);
        File.WriteAllBytes(images, whole[..(whole.Length / 2)]);

        var outcome = await CliRunner.RunAsync("train", "--dataset", "mnist", "--model", "mlp", "--max-lr", "0.1", "--epochs", "1", "--batch-size", "2", "--cache-dir", cache.Path);

        Assert.Equal(ExitCodes.Failure, outcome.ExitCode);
        var lines = outcome.Error.Trim().Split('\n');
        Assert.StartsWith($"error: {images}: ", lines[0]);
        Assert.Equal("hint: `sc data get mnist --force` fetches the files again", lines[1]);
        Assert.Empty(outcome.Out);
    }

    [Fact]
    public async Task A_checkpoint_dir_holding_another_runs_checkpoints_is_refused_without_resume_and_they_are_kept()
    {
        using var directory = TemporaryDirectory.Create();
        var first = await CliRunner.RunAsync([.. Quick, "--checkpoint-dir", directory.Path]);
        var checkpoint = Path.Combine(directory.Path, "epoch-0001.sccheckpoint");
        var before = File.ReadAllBytes(checkpoint);

        var second = await CliRunner.RunAsync([.. Quick, "--seed", "9", "--checkpoint-dir", directory.Path]);

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Equal(ExitCodes.BadInput, second.ExitCode);
        Assert.Equal(
            $"error: --checkpoint-dir: '{directory.Path}' already holds checkpoints of a run (epoch-0001.sccheckpoint); pass --resume to continue that run, or choose another directory",
            second.Error.Trim());
        Assert.Empty(second.Out);
        Assert.Equal(before, File.ReadAllBytes(checkpoint));
    }

    [Fact]
    public async Task A_checkpoint_dir_without_checkpoints_is_used_even_when_it_holds_other_files()
    {
        using var directory = TemporaryDirectory.Create();
        File.WriteAllText(directory.File("README"), "notes");

        var outcome = await CliRunner.RunAsync([.. Quick, "--checkpoint-dir", directory.Path]);

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.True(File.Exists(Path.Combine(directory.Path, "epoch-0001.sccheckpoint")));
        Assert.Equal("notes", File.ReadAllText(directory.File("README")));
    }

    [Fact]
    public async Task Resuming_from_a_checkpoint_with_flipped_bytes_names_the_file_as_corrupt()
    {
        using var directory = TemporaryDirectory.Create();
        string[] run = [.. Quick[..^2], "--epochs", "2", "--checkpoint-dir", directory.Path];
        await CliRunner.RunAsync(run);
        File.Delete(Path.Combine(directory.Path, "epoch-0002.sccheckpoint"));
        var checkpoint = Path.Combine(directory.Path, "epoch-0001.sccheckpoint");
        var bytes = File.ReadAllBytes(checkpoint);
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++)
        {
            bytes[i] ^= 0x7F;
        }

        File.WriteAllBytes(checkpoint, bytes);

        var resumed = await CliRunner.RunAsync([.. run, "--resume"]);

        Assert.Equal(ExitCodes.BadInput, resumed.ExitCode);
        var line = Assert.Single(resumed.Error.Trim().Split('\n'));
        Assert.StartsWith($"error: --resume: checkpoint {checkpoint} is corrupt (checksum mismatch)", line);
        Assert.Empty(resumed.Out);
    }
}
