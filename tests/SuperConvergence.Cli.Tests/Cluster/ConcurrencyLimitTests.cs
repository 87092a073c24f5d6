using System.Text.Json;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>A spec's maxConcurrentTrials is the spec's to limit (1 … 100,000), not one silo's slot count.</summary>
public sealed class ConcurrencyLimitTests
{
    [Fact]
    public async Task A_sweep_run_with_more_concurrent_trials_than_one_silo_has_slots_runs_on_the_slots_there_are()
    {
        // maxConcurrentTrials 1025 became the embedded silo's slot count and failed as "--slots: '1025' must be
        // between 1 and 1024" (exit 1), a flag the user never gave.
        using var data = new TemporaryDirectory("sc-slots");
        var spec = data.File("wide.yaml");
        await File.WriteAllTextAsync(spec, """
            name: wide
            dataset: synthetic
            model: simulated
            trainer: simulated
            searchSpace:
              maxLr: {min: 0.01, max: 1}
              cycleEpochs: [1]
            strategy: random
            budget: {trialEpochs: 4, maxTrials: 4}
            maxConcurrentTrials: 1025
            seed: 3
            """, TestContext.Current.CancellationToken);

        var run = await CliRunner.RunAsync("sweep", "run", spec, "--format", "json", "--data-dir", data.Path);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Equal("completed", JsonDocument.Parse(run.Out).RootElement.GetProperty("state").GetString());
        Assert.DoesNotContain("--slots", run.Error, StringComparison.Ordinal);
        Assert.Contains("maxConcurrentTrials 1025", run.Error, StringComparison.Ordinal);
    }
}
