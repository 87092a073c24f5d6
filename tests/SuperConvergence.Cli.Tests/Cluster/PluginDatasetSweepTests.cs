using System.Text.Json;
using System.Text.RegularExpressions;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// A user's own data from a .NET plugin's dataset provider, end to end: the example's spirals in an adaptive sweep on
/// the embedded cluster and in `sc train`, and the one-line refusals before anything runs.
/// </summary>
public sealed partial class PluginDatasetSweepTests
{
    private const string Spirals = "SuperConvergence.Examples.ModelPlugin.Spirals";

    [Fact]
    public async Task An_adaptive_sweep_on_a_plugin_s_dataset_range_tests_narrows_and_finds_its_best_configurations()
    {
        using var data = new TemporaryDirectory("sc-plugin-data");
        var spec = data.File("plugin-dataset.yaml");
        // The example's spec, with the plugin as this test run built it.
        var example = await File.ReadAllTextAsync(Path.Combine(Repository.Root(), "examples", "plugin-dataset.yaml"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(spec, ExamplePlugin().Replace(example, $"  plugin: \"{PluginAssemblies.Example}\"\n", 1), TestContext.Current.CancellationToken);

        var run = await CliRunner.RunAsync("sweep", "run", spec, "--format", "json", "--data-dir", data.File("store"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        var status = JsonDocument.Parse(run.Out).RootElement;
        var trained = AdaptiveSweepOutcome.CompletedTraining(status);

        // Three spirals: chance is a third; the best trial of an MLP does better.
        Assert.True(trained.Max(t => t.GetProperty("accuracy").GetDouble()) > 0.5, run.Out);
    }

    [Fact]
    public async Task Sc_train_trains_on_a_plugin_s_dataset_named_by_dataset()
    {
        using var cache = new TemporaryDirectory("sc-plugin-train");
        var outcome = await CliRunner.RunAsync(
            "train", "--dataset", $"plugin:{PluginAssemblies.Example}#{Spirals}", "--model", "mlp", "--max-lr", "0.5", "--epochs", "2", "--batch-size", "64", "--cache-dir", cache.Path);

        Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.Error);
        using var summary = JsonDocument.Parse(outcome.Out.Trim().Split('\n')[^1]);
        Assert.Equal("completed", summary.RootElement.GetProperty("status").GetString());
        Assert.InRange(summary.RootElement.GetProperty("testAccuracy").GetDouble(), 0.0, 1.0);
    }

    [Theory]
    [InlineData("EXAMPLE", "SuperConvergence.Examples.ModelPlugin.SmallConvNet", "names type 'SuperConvergence.Examples.ModelPlugin.SmallConvNet', which does not implement SuperConvergence.Extensibility.IDatasetProvider (contract 1)")]
    [InlineData("OTHER", "SuperConvergence.Fixtures.OtherContractPlugin.NextContractModel", "built for plugin contract 2; this build has contract 1: rebuild it against this SuperConvergence.Extensibility")]
    [InlineData("BROKEN", "SuperConvergence.Fixtures.BrokenPlugin.MismatchedLengths", "gives train features and labels of different lengths: 6 labels need 12 values of 2×1×1 samples, the features hold 10")]
    public async Task A_plugin_dataset_that_cannot_be_trained_on_is_refused_before_the_sweep_in_one_line(string assembly, string type, string expected)
    {
        using var data = new TemporaryDirectory("sc-plugin-data-bad");
        var path = assembly switch { "EXAMPLE" => PluginAssemblies.Example, "OTHER" => PluginAssemblies.OtherContract, _ => PluginAssemblies.Broken };
        var spec = data.File("bad.yaml");
        await File.WriteAllTextAsync(spec, $$"""
            name: bad-plugin-data
            dataset: {plugin: "{{path}}", type: {{type}}}
            model: mlp
            trainer: torch
            searchSpace: {maxLr: {min: 0.05, max: 0.5}, weightDecay: [5e-4], batchSize: [64], cycleEpochs: [1]}
            strategy: random
            budget: {trialEpochs: 1, maxTrials: 1}
            """, TestContext.Current.CancellationToken);

        var run = await CliRunner.RunAsync("sweep", "run", spec, "--data-dir", data.File("store"));
        var train = await CliRunner.RunAsync("train", "--dataset", $"plugin:{path}#{type}", "--model", "mlp", "--max-lr", "0.1", "--epochs", "1", "--cache-dir", data.File("cache"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        var line = Assert.Single(run.Error.Trim().Split('\n'));
        Assert.StartsWith($"error: {spec}: dataset: 'plugin:{path}#{type}' ", line);
        Assert.EndsWith(expected, line);
        Assert.Empty(run.Out);
        Assert.False(Directory.Exists(data.File("store")), "nothing was created for a refused sweep");
        Assert.Equal(ExitCodes.BadInput, train.ExitCode);
        Assert.Equal($"error: --dataset: 'plugin:{path}#{type}' ", Assert.Single(train.Error.Trim().Split('\n'))[..($"error: --dataset: 'plugin:{path}#{type}' ".Length)]);
        Assert.EndsWith(expected, train.Error.Trim());
    }

    /// <summary>The example spec's plugin line.</summary>
    [GeneratedRegex(@"^  plugin: .*\n", RegexOptions.Multiline)]
    private static partial Regex ExamplePlugin();
}
