using System.Text.Json;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Servers;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// A real cluster of `sc` processes on the test PostgreSQL: one coordinator silo, two worker silos, a client. One
/// worker is killed with SIGKILL while it trains; its trial must resume from its checkpoint on the other worker.
/// </summary>
public sealed class WorkerLossTests
{
    private static readonly string Spec = ProcessCluster.SimulatedSpec("worker-loss", trials: 4, cycleEpochs: 8, seed: 11);

    [Fact]
    public async Task A_killed_worker_s_trial_resumes_from_its_checkpoint_elsewhere_and_every_result_is_recorded_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var postgres = await TestPostgres.CreateDatabaseAsync("sc_cluster", ct);
        using var data = new TemporaryDirectory("sc-cluster");
        await using var cluster = new ProcessCluster(postgres, data, ct);
        await cluster.StartSiloAsync("coordinator", "coord");
        var workerA = await cluster.StartSiloAsync("worker", "wa");
        await cluster.StartSiloAsync("worker", "wb");
        var sweepId = await cluster.SubmitAsync("worker-loss", Spec);

        // Kill worker A once one of its trials has checkpointed at least one epoch, with epochs still to go.
        var victim = await cluster.PollAsync(sweepId, status => ProcessCluster.TrainingTrial(status, "wa/") is not null, TimeSpan.FromSeconds(90));
        var interrupted = ProcessCluster.TrainingTrial(victim, "wa/")!;
        workerA.Kill();

        var final = await cluster.WaitForEndAsync(sweepId);
        await cluster.AssertCompletedWithEveryEpochOnceAsync(final, trials: 4, cycleEpochs: 8);
        var trials = ProcessCluster.Trials(final).ToList();
        Assert.Equal(4, final.GetProperty("counts").GetProperty("completed").GetInt32());
        var resumed = trials.Single(t => t.GetProperty("trialId").GetString() == interrupted);
        Assert.Equal(2, resumed.GetProperty("attempts").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, resumed.GetProperty("resumedFromEpoch").ValueKind);
        Assert.StartsWith("wb/", resumed.GetProperty("worker").GetString());
        Assert.All(trials.Where(t => t.GetProperty("trialId").GetString() != interrupted), t => Assert.Equal(1, t.GetProperty("attempts").GetInt32()));

        var best = await cluster.ScAsync("sweep", "best", sweepId, "--format", "json", "--top", "10");
        Assert.Equal(4, JsonDocument.Parse(best.StandardOutput).RootElement.GetArrayLength());
    }
}
