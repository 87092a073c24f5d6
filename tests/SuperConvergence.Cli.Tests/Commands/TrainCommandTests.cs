using System.Text.Json;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Commands;

public sealed class TrainCommandTests
{
    private static readonly string[] Quick = ["train", "--dataset", "synthetic", "--width", "0.25", "--batch-size", "64", "--max-lr", "0.1"];

    /// <summary>The quick run with one option's value replaced or added.</summary>
    private static string[] QuickWith(string option, string value)
    {
        var args = Quick.ToList();
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
            return [.. args];
        }

        return [.. args, option, value];
    }

    [Fact]
    public async Task A_run_prints_a_line_per_epoch_and_ends_with_one_json_summary()
    {
        var outcome = await CliRunner.RunAsync([.. Quick, "--epochs", "2"]);

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        var lines = outcome.Out.Trim().Split('\n');
        Assert.StartsWith("epoch 1/2: train loss ", lines[0]);
        Assert.StartsWith("epoch 2/2: train loss ", lines[1]);
        using var summary = JsonDocument.Parse(lines[^1]);
        var root = summary.RootElement;
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.Equal(2, root.GetProperty("epochs").GetInt32());
        Assert.InRange(root.GetProperty("testAccuracy").GetDouble(), 0, 1);
        Assert.True(root.GetProperty("testLoss").GetDouble() > 0);
        Assert.True(root.GetProperty("trainLoss").GetDouble() > 0);
        Assert.True(root.GetProperty("imagesPerSecond").GetDouble() > 0);
        Assert.Equal("onecycle", root.GetProperty("policy").GetString());
        Assert.Equal(2, root.GetProperty("history").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("validationAccuracy").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("history")[1].GetProperty("validationLoss").ValueKind);
        Assert.DoesNotContain("validation", lines[0]);
    }

    [Fact]
    public async Task With_a_validation_split_every_epoch_reports_validation_loss_and_accuracy_beside_test()
    {
        var outcome = await CliRunner.RunAsync([.. Quick, "--epochs", "2", "--validation", "128"]);

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        var lines = outcome.Out.Trim().Split('\n');
        Assert.Matches(@"^epoch 1/2: train loss [\d.]+, validation loss [\d.]+, validation accuracy [\d.]+ ?%, test loss ", lines[0]);
        using var summary = JsonDocument.Parse(lines[^1]);
        var root = summary.RootElement;
        var last = root.GetProperty("history")[1];
        Assert.InRange(root.GetProperty("validationAccuracy").GetDouble(), 0, 1);
        Assert.Equal(last.GetProperty("validationAccuracy").GetDouble(), root.GetProperty("validationAccuracy").GetDouble());
        Assert.Equal(last.GetProperty("validationLoss").GetDouble(), root.GetProperty("validationLoss").GetDouble());
        Assert.NotEqual(root.GetProperty("testLoss").GetDouble(), root.GetProperty("validationLoss").GetDouble());
    }

    [Fact]
    public async Task Resuming_a_run_that_already_finished_says_so_and_reports_its_last_epoch()
    {
        using var directory = TemporaryDirectory.Create();
        string[] run = [.. Quick, "--epochs", "2", "--checkpoint-dir", directory.Path];
        var full = await CliRunner.RunAsync(run);

        var resumed = await CliRunner.RunAsync([.. run, "--resume"]);

        Assert.Equal(ExitCodes.Ok, resumed.ExitCode);
        Assert.Contains($"nothing left to train: the checkpoint in {directory.Path} is at epoch 2 of 2; the summary repeats that epoch's metrics", resumed.Error);
        using var first = JsonDocument.Parse(full.Out.Trim().Split('\n')[^1]);
        using var again = JsonDocument.Parse(resumed.Out.Trim().Split('\n')[^1]);
        var original = first.RootElement;
        var repeated = again.RootElement;
        Assert.Equal("completed", repeated.GetProperty("status").GetString());
        Assert.Equal((2, 2), (repeated.GetProperty("epochs").GetInt32(), repeated.GetProperty("resumedFromEpoch").GetInt32()));
        foreach (var field in new[] { "testAccuracy", "testLoss", "trainLoss" })
        {
            Assert.Equal(original.GetProperty(field).GetDouble(), repeated.GetProperty(field).GetDouble());
        }

        Assert.Equal(0, repeated.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task An_absurd_max_lr_reports_diverged_in_the_summary()
    {
        var outcome = await CliRunner.RunAsync("train", "--dataset", "synthetic", "--model", "mlp", "--policy", "constant", "--max-lr", "1e8", "--epochs", "2");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        using var summary = JsonDocument.Parse(outcome.Out.Trim().Split('\n')[^1]);
        Assert.Equal("diverged", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, summary.RootElement.GetProperty("testAccuracy").ValueKind);
        Assert.Contains("diverged: the loss became NaN or infinite in epoch 1", outcome.Error);
    }

    [Fact]
    public async Task Resuming_from_the_checkpoint_directory_finishes_with_the_uninterrupted_runs_metrics()
    {
        using var directory = TemporaryDirectory.Create();
        string[] run = [.. Quick, "--epochs", "3", "--policy", "cosine", "--checkpoint-dir", directory.Path];
        var full = await CliRunner.RunAsync(run);
        File.Delete(Path.Combine(directory.Path, "epoch-0003.sccheckpoint"));

        var resumed = await CliRunner.RunAsync([.. run, "--resume"]);

        Assert.Equal(ExitCodes.Ok, resumed.ExitCode);
        using var first = JsonDocument.Parse(full.Out.Trim().Split('\n')[^1]);
        using var second = JsonDocument.Parse(resumed.Out.Trim().Split('\n')[^1]);
        Assert.Equal(2, second.RootElement.GetProperty("resumedFromEpoch").GetInt32());
        Assert.Equal(3, second.RootElement.GetProperty("epochs").GetInt32());
        Assert.Equal(first.RootElement.GetProperty("testLoss").GetDouble(), second.RootElement.GetProperty("testLoss").GetDouble(), 1e-5);
        Assert.Equal(first.RootElement.GetProperty("trainLoss").GetDouble(), second.RootElement.GetProperty("trainLoss").GetDouble(), 1e-5);
    }

    [Theory]
    [InlineData("--policy", "warmup", "error: --policy: 'warmup' is not a policy; choose onecycle, cyclic, constant, multistep, cosine")]
    [InlineData("--model", "resnet-99", "error: --model: 'resnet-99' is not a model this trainer has; known: resnet-20, resnet-32, resnet-56, resnet-small, mlp, or plugin:PATH#TYPE, torchscript:PATH")]
    [InlineData("--dataset", "imagenet", "error: --dataset: 'imagenet' does not exist (relative paths are read from the working directory, {cwd}) and is not a known dataset (mnist, fashion-mnist, cifar10, synthetic)")]
    [InlineData("--momentum-range", "0.95,0.85", "error: --momentum-range: '0.95,0.85' must satisfy 0 <= BASE <= MAX < 1")]
    [InlineData("--batch-size", "1", "error: --batch-size: '1' must be at least 2 (batch norm needs two images)")]
    [InlineData("--epochs", "0", "error: --epochs: '0' must be at least 1")]
    [InlineData("--weight-decay", "-1", "error: --weight-decay: -1 must be a finite number ≥ 0")]
    [InlineData("--device", "tpu", "error: --device: 'tpu' is not a device; choose cpu, cuda, auto")]
    [InlineData("--optimizer", "lion", "error: --optimizer: 'lion' is not an optimiser; choose sgd or adamw")]
    public async Task Bad_values_are_one_line_naming_the_option_and_value_with_exit_2(string option, string value, string expected)
    {
        var outcome = await CliRunner.RunAsync(QuickWith(option, value));

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal(expected.Replace("{cwd}", Environment.CurrentDirectory, StringComparison.Ordinal), outcome.Error.Trim());
        Assert.Empty(outcome.Out);
    }

    [Fact]
    public async Task Resume_without_checkpoints_is_not_found_and_a_foreign_checkpoint_is_bad_input()
    {
        using var directory = TemporaryDirectory.Create();

        var missing = await CliRunner.RunAsync([.. Quick, "--epochs", "1", "--checkpoint-dir", directory.Path, "--resume"]);
        await CliRunner.RunAsync([.. Quick, "--epochs", "1", "--checkpoint-dir", directory.Path]);
        var foreign = await CliRunner.RunAsync([.. Quick, "--epochs", "1", "--checkpoint-dir", directory.Path, "--resume", "--seed", "9"]);

        Assert.Equal(ExitCodes.NotFound, missing.ExitCode);
        Assert.StartsWith($"error: --resume: no checkpoint in {directory.Path}", missing.Error);
        Assert.Equal(ExitCodes.BadInput, foreign.ExitCode);
        Assert.Contains("seed: run has '9', checkpoint has '1'", foreign.Error);
    }

    [Fact]
    public async Task A_dataset_missing_from_the_cache_is_not_found_with_the_command_that_fetches_it()
    {
        using var cache = TemporaryDirectory.Create();

        var outcome = await CliRunner.RunAsync("train", "--dataset", "fashion-mnist", "--max-lr", "0.1", "--cache-dir", cache.Path);

        Assert.Equal(ExitCodes.NotFound, outcome.ExitCode);
        Assert.Contains("run `sc data get fashion-mnist`", outcome.Error);
    }
}
