using System.Text.Json;

namespace SuperConvergence.Cli.Tests.Commands;

public sealed class RangeTestHessianCommandTests
{
    private static string[] Quick(params string[] more) =>
        ["rangetest", "hessian", "--dataset", "synthetic", "--model", "mlp", "--width", "0.25", "--batch-size", "32",
         "--iterations", "12", "--lr", "0.01", .. more];

    [Fact]
    public async Task The_json_gives_the_whole_model_estimate_each_layers_and_the_series_under_the_documented_keys()
    {
        var outcome = await CliRunner.RunAsync(Quick("--window", "5", "--format", "json"));

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Out);
        var root = json.RootElement;
        Assert.Equal(
            ["learningRate", "iterations", "iterationsUsed", "iterationsSkipped", "window", "diverged", "run", "layers", "series"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.True(root.GetProperty("learningRate").GetDouble() > 0);
        Assert.Equal(12, root.GetProperty("iterations").GetInt32());
        Assert.Equal(12, root.GetProperty("iterationsUsed").GetInt32() + root.GetProperty("iterationsSkipped").GetInt32());
        Assert.Equal(5, root.GetProperty("window").GetInt32());
        Assert.False(root.GetProperty("diverged").GetBoolean());
        var run = root.GetProperty("run");
        Assert.Equal(
            ["dataset", "model", "width", "seed", "learningRate", "momentum", "weightDecay", "batchSize", "relativeStep"],
            run.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("synthetic", "mlp", 0.01, 0.9, 0.001), (run.GetProperty("dataset").GetString(), run.GetProperty("model").GetString(),
            run.GetProperty("learningRate").GetDouble(), run.GetProperty("momentum").GetDouble(), run.GetProperty("relativeStep").GetDouble()));
        var layers = root.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(["layers.0", "layers.1", "layers.2"], layers.Select(l => l.GetProperty("name").GetString()));
        Assert.All(layers, l => Assert.Equal(
            ["name", "learningRate", "iterationsUsed", "iterationsSkipped"], l.EnumerateObject().Select(p => p.Name)));
        var series = root.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 12), series.Select(i => i.GetProperty("iteration").GetInt32()));
        Assert.Equal(root.GetProperty("learningRate").GetDouble(), series[^1].GetProperty("smoothedLearningRate").GetDouble());
        Assert.Matches(@"^hessian-free estimate: 12 of 12 iterations of SGD at LR 0\.01, momentum 0\.9; \d+ with positive curvature along the gradient, \d+ skipped$", outcome.Error.Trim());
    }

    [Fact]
    public async Task The_table_gives_the_estimate_the_layers_range_and_a_line_per_layer()
    {
        var outcome = await CliRunner.RunAsync(Quick());

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        var lines = outcome.Out.TrimEnd().Split('\n');
        Assert.Equal(6, lines.Length);
        Assert.Matches(@"^learning rate   \S+ \(whole model; log-median of the last \d+ of \d+ estimates; \d+ of 12 iterations skipped for non-positive curvature\)$", lines[0]);
        Assert.Matches(@"^layers          3, from \S+ \(layers\.\d\) to \S+ \(layers\.\d\); median \S+$", lines[1]);
        Assert.Matches(@"^layer     learning rate    used  skipped$", lines[2]);
        Assert.Matches(@"^layers\.0  \S+\s+\d+\s+\d+$", lines[3]);
        Assert.StartsWith("layers.2  ", lines[5]);
    }

    [Fact]
    public async Task The_same_seed_prints_the_same_estimate()
    {
        var first = await CliRunner.RunAsync(Quick("--format", "json", "--seed", "3"));
        var again = await CliRunner.RunAsync(Quick("--format", "json", "--seed", "3"));

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Equal(first.Out, again.Out);
    }

    [Theory]
    [InlineData("--iterations", "0", "error: --iterations: '0' must be at least 1")]
    [InlineData("--lr", "0", "error: --lr: 0 must be a finite number > 0")]
    [InlineData("--lr", "-0.1", "error: --lr: -0.1 must be a finite number > 0")]
    [InlineData("--momentum", "1", "error: --momentum: 1 must lie in [0, 1)")]
    [InlineData("--window", "0", "error: --window: '0' must be at least 1")]
    [InlineData("--relative-step", "1", "error: --relative-step: 1 must lie in (0, 1)")]
    [InlineData("--optimizer", "adamw", "error: --optimizer: 'adamw' is not for this command: the estimate models SGD's step; use sgd")]
    [InlineData("--batch-size", "1", "error: --batch-size: '1' must be at least 2 (batch norm needs two images)")]
    [InlineData("--model", "vgg", "error: --model: 'vgg' is not a model this trainer has; known: resnet-20, resnet-32, resnet-56, resnet-small, mlp, or plugin:PATH#TYPE")]
    public async Task Bad_values_are_one_line_naming_the_option_and_value_with_exit_2(string option, string value, string expected)
    {
        var outcome = await CliRunner.RunAsync(CliRunner.WithOption(Quick(), option, value));

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal(expected, outcome.Error.Trim());
    }

    [Fact]
    public async Task Nesterov_without_momentum_is_refused_before_training()
    {
        var outcome = await CliRunner.RunAsync(Quick("--nesterov", "--momentum", "0"));

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal("error: --momentum: 0 must be above 0 with --nesterov (Nesterov momentum needs a momentum)", outcome.Error.Trim());
    }
}
