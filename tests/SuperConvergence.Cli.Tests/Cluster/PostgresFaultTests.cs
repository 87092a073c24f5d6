using System.Text.Json;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Servers;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// The cluster's database goes away mid-sweep: restarted (every connection terminated, 57P01), or stopped for 30 s.
/// A coordinator silo and a worker silo of two slots on a PostgreSQL server of the test's own; simulated trials of
/// 1 s epochs. Every trial must complete and every epoch be recorded exactly once, with nothing acknowledged lost.
/// </summary>
public sealed class PostgresFaultTests
{
    private const string Spec = """
        name: pg-fault
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
        seed: 17
        """;

    [Fact]
    public Task A_postgres_restart_mid_sweep_loses_and_repeats_nothing() =>
        RunThroughFaultAsync((server, ct) => server.RestartAsync(ct));

    [Fact]
    public Task Postgres_unreachable_for_30_seconds_mid_sweep_loses_and_repeats_nothing() =>
        RunThroughFaultAsync(async (server, ct) =>
        {
            await server.StopAsync(ct);
            // The fault itself: the database is away this long.
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            await server.StartServerAsync(ct);
        });

    private static async Task RunThroughFaultAsync(Func<PrivatePostgres, CancellationToken, Task> fault)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PrivatePostgres.StartAsync(ct);
        using var data = new TemporaryDirectory("sc-pg-fault");
        await using var cluster = new ProcessCluster(server.ConnectionString, data, ct);
        await cluster.StartSiloAsync("coordinator", "coord");
        await cluster.StartSiloAsync("worker", "work", slots: 2);
        var sweepId = await cluster.SubmitAsync("pg-fault", Spec);

        // The fault strikes while a trial trains with results already recorded.
        await cluster.PollAsync(sweepId, status =>
            ProcessCluster.Trials(status).Any(t => t.GetProperty("state").GetString() == "running" && t.GetProperty("epochsCompleted").GetInt32() >= 1),
            TimeSpan.FromSeconds(120));
        await fault(server, ct);

        var final = await cluster.PollAsync(sweepId, status => status.GetProperty("state").GetString() is "completed" or "failed", TimeSpan.FromSeconds(240));
        Assert.True(final.GetProperty("state").GetString() == "completed", $"{final}\n{cluster.Logs()}");
        var trials = ProcessCluster.Trials(final).ToList();
        Assert.Equal(6, trials.Count);
        Assert.All(trials, t => Assert.Equal("completed", t.GetProperty("state").GetString()));
        foreach (var trial in trials)
        {
            var id = trial.GetProperty("trialId").GetString()!;
            var show = await cluster.ScAsync("trial", "show", id, "--format", "json");
            Assert.True(show.ExitCode == 0, show.AllOutput);
            var epochs = JsonDocument.Parse(show.StandardOutput).RootElement.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32());
            Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], epochs);
        }

        Assert.Equal(48, final.GetProperty("trialEpochsUsed").GetInt32());
    }
}
