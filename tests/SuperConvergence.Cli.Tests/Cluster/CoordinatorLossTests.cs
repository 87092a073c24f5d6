using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Servers;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// The coordinator silo hosting a sweep is killed with SIGKILL while a second coordinator runs: the sweep, its queue and
/// its trials move to the survivor, every trial completes and every epoch is recorded exactly once.
/// </summary>
public sealed class CoordinatorLossTests
{
    private static readonly string Spec = ProcessCluster.SimulatedSpec("coordinator-loss", trials: 6, cycleEpochs: 8, seed: 23);

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

        await cluster.PollAsync(sweepId, status => ProcessCluster.TrainingTrial(status) is not null, TimeSpan.FromSeconds(120));
        first.Kill();

        await cluster.AssertCompletedWithEveryEpochOnceAsync(await cluster.WaitForEndAsync(sweepId), trials: 6, cycleEpochs: 8);
    }
}
