using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// What no worker could run is refused before a sweep starts: one line naming the field and the value, exit 2,
/// nothing on stdout and nothing stored. Today's failure mode it replaces: a sweep whose every trial failed.
/// </summary>
public sealed class SweepValidationTests
{
    private const string Spec = """
        name: misspelt
        dataset: DATASET
        model: MODEL
        searchSpace:
          maxLr: {min: 0.05, max: 2}
          weightDecay: [0.0001]
          batchSize: [128]
          cycleEpochs: [1]
        strategy: random
        budget: {trialEpochs: 2, maxTrials: 2}
        seed: 3
        """;

    [Theory]
    [InlineData("fashion-mnist", "resnet-9000", "model: 'resnet-9000' is not a model this trainer has; known: resnet-20, resnet-32, resnet-56, resnet-small, mlp, or plugin:PATH#TYPE")]
    [InlineData("cifar-100", "mlp", "dataset: 'cifar-100' is not a dataset this trainer has; known: mnist, fashion-mnist, cifar10, synthetic")]
    public async Task A_model_or_dataset_the_trainer_lacks_is_refused_before_anything_starts(string dataset, string model, string expected)
    {
        using var data = TemporaryDirectory.Create();
        var specFile = Path.Combine(data.Path, "spec.yaml");
        await File.WriteAllTextAsync(specFile, Spec.Replace("DATASET", dataset).Replace("MODEL", model), TestContext.Current.CancellationToken);
        var store = Path.Combine(data.Path, "store");

        var run = await CliRunner.RunAsync("sweep", "run", specFile, "--data-dir", store);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal($"error: {specFile}: {expected}", run.Error.Trim());
        Assert.Empty(run.Out);
        Assert.False(Directory.Exists(store), "nothing was created for a refused sweep");
    }

    [Fact]
    public async Task A_sweep_whose_every_trial_fails_ends_failed_with_the_first_cause_and_exit_1()
    {
        // Fashion-MNIST is a dataset the trainer has, but not in this empty data directory: every trial fails.
        using var data = TemporaryDirectory.Create();
        var specFile = Path.Combine(data.Path, "spec.yaml");
        await File.WriteAllTextAsync(specFile, Spec.Replace("DATASET", "fashion-mnist").Replace("MODEL", "mlp"), TestContext.Current.CancellationToken);

        var run = await CliRunner.RunAsync("sweep", "run", specFile, "--data-dir", Path.Combine(data.Path, "store"), "--format", "json");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        var status = System.Text.Json.JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("failed", status.GetProperty("state").GetString());
        Assert.Contains("fashion-mnist", status.GetProperty("firstFailure").GetString());
        Assert.Contains($"error: sweep {status.GetProperty("sweepId").GetString()} failed: no training trial completed; the first failure was trial ", run.Error);
    }

    [Fact]
    public async Task The_simulated_trainer_takes_any_names()
    {
        using var data = TemporaryDirectory.Create();
        var specFile = Path.Combine(data.Path, "spec.yaml");
        var spec = Spec.Replace("DATASET", "anything").Replace("MODEL", "whatever").Replace("strategy: random", "trainer: {kind: simulated}\nstrategy: random");
        await File.WriteAllTextAsync(specFile, spec, TestContext.Current.CancellationToken);

        var run = await CliRunner.RunAsync("sweep", "run", specFile, "--data-dir", Path.Combine(data.Path, "store"), "--format", "json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        // Logs go to stderr: stdout is the JSON asked for, whole.
        Assert.StartsWith("{", run.Out.TrimStart());
        System.Text.Json.JsonDocument.Parse(run.Out);
    }
}
