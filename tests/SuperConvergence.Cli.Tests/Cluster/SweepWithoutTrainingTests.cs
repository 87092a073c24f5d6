using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>A sweep that ends without one finished training trial has nothing to recommend, and `sc sweep run` says so.</summary>
public sealed class SweepWithoutTrainingTests
{
    /// <summary>Range tests of 5 simulated seconds each under a 2-second wall-time budget: no training trial ever starts.</summary>
    private const string Spec = """
        name: out-of-time
        dataset: synthetic
        model: simulated
        trainer: {kind: simulated, epochSeconds: 5}
        searchSpace:
          maxLr: {min: 0.01, max: 3}
          weightDecay: [5e-4]
          batchSize: [128]
          cycleEpochs: [1]
        rangeTest: {iterations: 200, startLr: 1e-5, endLr: 10, seeds: 2}
        strategy: adaptive
        budget: {trialEpochs: 12, maxTrials: 12, wallTime: 2s}
        maxConcurrentTrials: 2
        data: {trainImages: 1000, testImages: 100}
        """;

    [Fact]
    public async Task A_wall_time_spent_on_range_tests_ends_the_run_with_an_error_not_an_empty_success()
    {
        using var data = TemporaryDirectory.Create();
        var specFile = Path.Combine(data.Path, "spec.yaml");
        await File.WriteAllTextAsync(specFile, Spec, TestContext.Current.CancellationToken);

        var run = await CliRunner.RunAsync("sweep", "run", specFile, "--data-dir", Path.Combine(data.Path, "store"));

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("ended without a completed training trial (2 completed); nothing to recommend", run.Error);
        Assert.Contains("hint: its wall-time budget (0:00:02) may have run out", run.Error);
    }
}
