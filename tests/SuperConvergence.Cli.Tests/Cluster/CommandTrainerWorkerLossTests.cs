using System.Globalization;
using System.Text.Json;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Processes;
using SuperConvergence.Testing.Servers;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// <see cref="WorkerLossTests"/> with the command trainer: a worker silo is killed with SIGKILL while its program
/// trains; the trial resumes on the other worker from the checkpoint the program saved, packed into the cluster's
/// store (the program refuses a resume directory of another epoch, so a wrong one fails the trial), and the killed
/// worker's program, orphaned, ends itself when its stdin does.
/// </summary>
public sealed class CommandTrainerWorkerLossTests
{
    [Fact]
    public async Task A_killed_worker_s_command_trial_resumes_from_its_packed_checkpoint_elsewhere()
    {
        var ct = TestContext.Current.CancellationToken;
        var postgres = await TestPostgres.CreateDatabaseAsync("sc_cluster", ct);
        using var data = new TemporaryDirectory("sc-cluster");
        await using var cluster = new ProcessCluster(postgres, data, ct);
        await cluster.StartSiloAsync("coordinator", "coord");
        var workerA = await cluster.StartSiloAsync("worker", "wa");
        await cluster.StartSiloAsync("worker", "wb");
        var sweepId = await cluster.SubmitAsync("command-worker-loss", Spec("command-worker-loss", trials: 4, cycleEpochs: 8));

        var victim = await cluster.PollAsync(sweepId, status => ProcessCluster.TrainingTrial(status, "wa/") is not null, TimeSpan.FromSeconds(90));
        var interrupted = ProcessCluster.TrainingTrial(victim, "wa/")!;
        workerA.Kill();

        var final = await cluster.WaitForEndAsync(sweepId);
        var trials = ProcessCluster.Trials(final).ToList();
        Assert.All(trials, t => Assert.True(t.GetProperty("state").GetString() == "completed", $"{t}\n{cluster.Logs()}"));
        await cluster.AssertCompletedWithEveryEpochOnceAsync(final, trials: 4, cycleEpochs: 8);
        var resumed = trials.Single(t => t.GetProperty("trialId").GetString() == interrupted);
        Assert.Equal(2, resumed.GetProperty("attempts").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, resumed.GetProperty("resumedFromEpoch").ValueKind);
        Assert.StartsWith("wb/", resumed.GetProperty("worker").GetString());
        Assert.Empty(ProgramsWorkingIn(data.File("wa")));
    }

    /// <summary>The random search of the fault tests, each trial the test program with epochs of a second.</summary>
    private static string Spec(string name, int trials, int cycleEpochs)
    {
        var run = TestTrainingProgram.SpecList("--epoch-ms", "1000");
        return $$"""
            name: {{name}}
            dataset: synthetic
            model: made-up
            trainer: {kind: command, run: {{run}}, stepsPerEpoch: 10, lineTimeout: 5m}
            searchSpace:
              maxLr: {min: 0.05, max: 2}
              weightDecay: [0.0001]
              batchSize: [128]
              cycleEpochs: [{{cycleEpochs}}]
            strategy: random
            budget: {trialEpochs: {{trials * cycleEpochs}}, maxTrials: {{trials}}}
            maxConcurrentTrials: 2
            seed: 11
            """;
    }

    /// <summary>The processes whose trial config lies under <paramref name="directory"/>: the programs a worker there started.</summary>
    private static List<int> ProgramsWorkingIn(string directory)
    {
        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var environment = File.ReadAllText(Path.Combine(entry, "environ")).Split('\0');
                if (environment.Any(v => v.StartsWith("SC_TRIAL_CONFIG=" + directory, StringComparison.Ordinal)))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        return found;
    }
}
