using System.Text.Json;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Servers;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// The coordinator silo hosting a sweep is killed with SIGKILL while a second coordinator runs: the sweep, its queue and
/// its trials move to the survivor, every trial completes and every epoch is recorded exactly once.
/// </summary>
public sealed class CoordinatorLossTests
{
    private const string Spec = """
        name: coordinator-loss
        dataset: synthetic
        model: mlp
        trainer: {kind: simulated, epochSeconds: 1.0}
        searchSpace:
          maxLr: {min: 0.05, max: 2}
          weightDecay: [0.0001]
          batchSize: [128]
          cycleEpochs: [8]
        strategy: random
        budget: {trialEpochs: 48, maxTrials: 6}
        maxConcurrentTrials: 2
        seed: 23
        """;

    [Fact]
    public async Task Killing_the_coordinator_that_hosts_the_sweep_moves_it_to_the_other_and_loses_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var postgres = await TestPostgres.CreateDatabaseAsync("sc_coordinator_loss", ct);
        using var data = new TemporaryDirectory("sc-coordinator-loss");
        await using var cluster = new ProcessCluster(postgres, data, ct);

        // Submitted while it is the only coordinator, the sweep and the work queue live on the first one; nothing
        // trains until the worker joins, after the second coordinator.
        var first = await cluster.StartSiloAsync("coordinator", "coord-a");
        var sweepId = await cluster.SubmitAsync("coordinator-loss", Spec);
        await cluster.StartSiloAsync("coordinator", "coord-b");
        await cluster.StartSiloAsync("worker", "work", slots: 2);

        await cluster.PollAsync(sweepId, status =>
            ProcessCluster.Trials(status).Any(t => t.GetProperty("state").GetString() == "running" && t.GetProperty("epochsCompleted").GetInt32() >= 1),
            TimeSpan.FromSeconds(120));
        first.Kill();

        var final = await cluster.PollAsync(sweepId, status => status.GetProperty("state").GetString() is "completed" or "failed", TimeSpan.FromSeconds(240));
        Assert.True(final.GetProperty("state").GetString() == "completed", $"{final}\n{cluster.Logs()}");
        var trials = ProcessCluster.Trials(final).ToList();
        Assert.Equal(6, trials.Count);
        foreach (var trial in trials)
        {
            Assert.Equal("completed", trial.GetProperty("state").GetString());
            var show = await cluster.ScAsync("trial", "show", trial.GetProperty("trialId").GetString()!, "--format", "json");
            Assert.True(show.ExitCode == 0, show.AllOutput);
            var epochs = JsonDocument.Parse(show.StandardOutput).RootElement.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32());
            Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], epochs);
        }

        Assert.Equal(48, final.GetProperty("trialEpochsUsed").GetInt32());
    }
}
