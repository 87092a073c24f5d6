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
    private static readonly string Spec = ProcessCluster.SimulatedSpec("pg-fault", trials: 6, cycleEpochs: 8, seed: 17);
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
        await cluster.PollAsync(sweepId, status => ProcessCluster.TrainingTrial(status) is not null, TimeSpan.FromSeconds(120));
        await fault(server, ct);

        await cluster.AssertCompletedWithEveryEpochOnceAsync(await cluster.WaitForEndAsync(sweepId), trials: 6, cycleEpochs: 8);
    }
}
