using System.Text.Json;
using System.Text.RegularExpressions;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Servers;
using SuperConvergence.Testing.TorchScript;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// A user's own network, from a .NET plugin or saved as TorchScript, end to end: an adaptive sweep on the embedded
/// cluster (range tests, narrowing, the best configurations), a worker silo killed mid-trial in a cluster of processes,
/// and the one-line refusals at submit.
/// </summary>
public sealed partial class FileModelSweepTests
{
    private const string SmallConvNet = "SuperConvergence.Examples.ModelPlugin.SmallConvNet";

    public static TheoryData<string> ModelKinds => ["plugin", "torchscript"];

    [Theory]
    [MemberData(nameof(ModelKinds))]
    public async Task An_adaptive_sweep_of_a_model_from_a_file_range_tests_narrows_and_finds_its_best_configurations(string kind)
    {
        using var data = new TemporaryDirectory("sc-plugin");
        var spec = data.File("plugin-model.yaml");
        // The plugin example's spec, with the model as this test has it.
        var example = await File.ReadAllTextAsync(Path.Combine(Repository.Root(), "examples", "plugin-model.yaml"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(spec, ExampleModel().Replace(example, $"model: {Model(kind, data)}\n", 1), TestContext.Current.CancellationToken);

        var run = await CliRunner.RunAsync("sweep", "run", spec, "--format", "json", "--data-dir", data.File("store"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        var status = JsonDocument.Parse(run.Out).RootElement;
        var trained = AdaptiveSweepOutcome.CompletedTraining(status);
        Assert.All(trained, t => Assert.InRange(t.GetProperty("accuracy").GetDouble(), 0.0, 1.0));

        var best = await CliRunner.RunAsync("sweep", "best", status.GetProperty("sweepId").GetString()!, "--top", "2", "--format", "json", "--data-dir", data.File("store"));
        Assert.True(best.ExitCode == ExitCodes.Ok, best.Error);
        var top = JsonDocument.Parse(best.Out).RootElement.EnumerateArray().Select(t => t.GetProperty("accuracy").GetDouble()).ToList();
        Assert.Equal(Math.Min(2, trained.Count), top.Count);
        Assert.Equal(trained.Max(t => t.GetProperty("accuracy").GetDouble()), top[0]);
    }

    [Theory]
    [InlineData("no-such-plugin.dll", SmallConvNet, "names plugin 'no-such-plugin.dll', which does not exist")]
    [InlineData("BROKEN", "SuperConvergence.Fixtures.BrokenPlugin.SevenLogits", "gives [2, 7] for 2 images of 1x12x12; the dataset has 4 classes, so it must give [2, 4]")]
    [InlineData("EXAMPLE", "SuperConvergence.Examples.ModelPlugin.Missing", "names type 'SuperConvergence.Examples.ModelPlugin.Missing', which")]
    public async Task A_plugin_model_that_cannot_train_is_refused_at_submit_in_one_line(string assembly, string type, string expected)
    {
        using var data = new TemporaryDirectory("sc-plugin-bad");
        var path = assembly switch { "BROKEN" => PluginAssemblies.Broken, "EXAMPLE" => PluginAssemblies.Example, _ => assembly };
        var spec = data.File("bad.yaml");
        await File.WriteAllTextAsync(spec, Spec("bad-plugin", $"{{plugin: \"{path}\", type: {type}}}", trials: 1, cycleEpochs: 1, trainImages: 64), TestContext.Current.CancellationToken);

        var run = await CliRunner.RunAsync("sweep", "run", spec, "--data-dir", data.File("store"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        var line = Assert.Single(run.Error.Trim().Split('\n'));
        Assert.StartsWith($"error: {spec}: model: 'plugin:{path}#{type}' ", line);
        Assert.Contains(expected, line);
        Assert.Empty(run.Out);
        Assert.False(Directory.Exists(data.File("store")), "nothing was created for a refused sweep");
    }

    [Theory]
    [MemberData(nameof(ModelKinds))]
    public async Task A_killed_worker_s_trial_of_a_model_from_a_file_resumes_from_its_checkpoint_elsewhere(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var postgres = await TestPostgres.CreateDatabaseAsync($"sc_{kind}_cluster", ct);
        using var data = new TemporaryDirectory("sc-plugin-cluster");
        await using var cluster = new ProcessCluster(postgres, data, ct);
        await cluster.StartSiloAsync("coordinator", "coord");
        var workerA = await cluster.StartSiloAsync("worker", "wa");
        await cluster.StartSiloAsync("worker", "wb");
        var sweepId = await cluster.SubmitAsync($"{kind}-worker-loss", Spec($"{kind}-worker-loss", Model(kind, data, heavy: true), trials: 3, cycleEpochs: 6, trainImages: 1536));

        var victim = await cluster.PollAsync(sweepId, status => ProcessCluster.TrainingTrial(status, "wa/") is not null, TimeSpan.FromSeconds(180));
        var interrupted = ProcessCluster.TrainingTrial(victim, "wa/")!;
        workerA.Kill();

        var final = await cluster.WaitForEndAsync(sweepId);
        await cluster.AssertCompletedWithEveryEpochOnceAsync(final, trials: 3, cycleEpochs: 6);
        var resumed = ProcessCluster.Trials(final).Single(t => t.GetProperty("trialId").GetString() == interrupted);
        Assert.Equal(2, resumed.GetProperty("attempts").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, resumed.GetProperty("resumedFromEpoch").ValueKind);
        Assert.StartsWith("wb/", resumed.GetProperty("worker").GetString());
    }

    /// <summary>
    /// The spec's model for <paramref name="kind"/>: the example plugin's small CNN, or a TorchScript perceptron (a convolutional
    /// network when <paramref name="heavy"/>) for the synthetic dataset's 1×12×12 images and 4 classes, written into <paramref name="data"/>.
    /// </summary>
    private static string Model(string kind, TemporaryDirectory data, bool heavy = false)
    {
        if (kind == "plugin")
        {
            return $"{{plugin: \"{PluginAssemblies.Example}\", type: {SmallConvNet}}}";
        }

        // The fault test needs epochs of seconds, so that a worker dies mid-trial: a convolutional network then.
        var archive = data.File("model.pt");
        if (heavy)
        {
            TorchScriptArchive.WriteConvNet(archive, channels: 48, classes: 4, seed: 3);
        }
        else
        {
            TorchScriptArchive.WritePerceptron(archive, inputs: 144, hidden: 64, classes: 4, seed: 3);
        }

        return $"{{torchscript: \"{archive}\"}}";
    }

    /// <summary>A random sweep of <paramref name="trials"/> 1cycle trials of <paramref name="model"/> on synthetic data.</summary>
    private static string Spec(string name, string model, int trials, int cycleEpochs, int trainImages) => $$"""
        name: {{name}}
        dataset: synthetic
        model: {{model}}
        trainer: torch
        searchSpace:
          maxLr: {min: 0.05, max: 0.5}
          weightDecay: [5e-4]
          batchSize: [64]
          cycleEpochs: [{{cycleEpochs}}]
        strategy: random
        budget: {trialEpochs: {{trials * cycleEpochs}}, maxTrials: {{trials}}}
        maxConcurrentTrials: 2
        seed: 5
        data: {trainImages: {{trainImages}}, testImages: 128}
        """;

    /// <summary>The example spec's model mapping (three lines).</summary>
    [GeneratedRegex(@"^model:\n  plugin: .*\n  type: .*\n", RegexOptions.Multiline)]
    private static partial Regex ExampleModel();
}
