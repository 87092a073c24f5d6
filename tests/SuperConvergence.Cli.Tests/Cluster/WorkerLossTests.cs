using System.Text.Json;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Cli.Cluster;
using SuperConvergence.Cli.Sweeps;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Network;
using SuperConvergence.Testing.Servers;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// A real cluster of `sc` processes on the test PostgreSQL: one coordinator silo, two worker silos, a client. One
/// worker is killed with SIGKILL while it trains; its trial must resume from its checkpoint on the other worker.
/// </summary>
public sealed class WorkerLossTests
{
    private const string Spec = """
        name: worker-loss
        dataset: synthetic
        model: mlp
        trainer: {kind: simulated, epochSeconds: 1.0}
        searchSpace:
          maxLr: {min: 0.05, max: 2}
          weightDecay: [0.0001]
          batchSize: [128]
          cycleEpochs: [5]
        strategy: random
        budget: {trialEpochs: 20, maxTrials: 4}
        maxConcurrentTrials: 2
        seed: 11
        """;

    [Fact]
    public async Task A_killed_worker_s_trial_resumes_from_its_checkpoint_elsewhere_and_every_result_is_recorded_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var postgres = await TestPostgres.CreateDatabaseAsync("sc_cluster", ct);
        using var data = new TemporaryDirectory("sc-cluster");
        var environment = new Dictionary<string, string> { ["SC_DATA"] = data.Path, ["NO_COLOR"] = "1" };
        var specFile = data.File("worker-loss.yaml");
        await File.WriteAllTextAsync(specFile, Spec, ct);

        await using var coordinator = await StartSiloAsync("coordinator", "coord");
        await using var workerA = await StartSiloAsync("worker", "wa");
        await using var workerB = await StartSiloAsync("worker", "wb");

        var submit = await Sc("sweep", "submit", specFile, "--postgres", postgres, "--format", "json");
        Assert.True(submit.ExitCode == 0, submit.AllOutput);
        var sweepId = JsonDocument.Parse(submit.StandardOutput).RootElement.GetProperty("sweepId").GetString()!;

        // Watching closely enough to catch a trial mid-run needs a client in this process: starting `sc` per look
        // takes seconds on a loaded machine. The final checks go through `sc` again.
        await using var watcher = await ClusterConnection.OpenAsync(new ClusterTarget(postgres, null), ct);

        // Kill worker A once one of its trials has checkpointed at least one epoch.
        var victim = await PollAsync(sweepId, status => Trials(status).FirstOrDefault(t =>
            t.GetProperty("state").GetString() == "running" &&
            t.GetProperty("worker").GetString()?.StartsWith("wa/", StringComparison.Ordinal) == true &&
            t.GetProperty("epochsCompleted").GetInt32() >= 1).ValueKind != JsonValueKind.Undefined, TimeSpan.FromSeconds(90));
        var interrupted = Trials(victim).First(t => t.GetProperty("worker").GetString()?.StartsWith("wa/", StringComparison.Ordinal) == true && t.GetProperty("state").GetString() == "running")
            .GetProperty("trialId").GetString()!;
        workerA.Kill();

        await PollAsync(sweepId, status => status.GetProperty("state").GetString() == "completed", TimeSpan.FromSeconds(150));
        var finalStatus = await Sc("sweep", "status", sweepId, "--postgres", postgres, "--format", "json");
        Assert.True(finalStatus.ExitCode == 0, finalStatus.AllOutput);
        var final = JsonDocument.Parse(finalStatus.StandardOutput).RootElement;

        var trials = Trials(final).ToList();
        Assert.Equal(4, final.GetProperty("totalTrials").GetInt32());
        Assert.All(trials, t => Assert.Equal("completed", t.GetProperty("state").GetString()));
        Assert.Equal(4, final.GetProperty("counts").GetProperty("completed").GetInt32());
        var resumed = trials.Single(t => t.GetProperty("trialId").GetString() == interrupted);
        Assert.Equal(2, resumed.GetProperty("attempts").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, resumed.GetProperty("resumedFromEpoch").ValueKind);
        Assert.StartsWith("wb/", resumed.GetProperty("worker").GetString());
        Assert.All(trials.Where(t => t.GetProperty("trialId").GetString() != interrupted), t => Assert.Equal(1, t.GetProperty("attempts").GetInt32()));

        // Each epoch's result was recorded once, and the resumed trial lost at most one epoch.
        var show = await Sc("trial", "show", interrupted, "--postgres", postgres, "--format", "json");
        Assert.True(show.ExitCode == 0, show.AllOutput);
        var epochs = JsonDocument.Parse(show.StandardOutput).RootElement.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32()).ToList();
        Assert.Equal([1, 2, 3, 4, 5], epochs);
        var best = await Sc("sweep", "best", sweepId, "--postgres", postgres, "--format", "json", "--top", "10");
        Assert.Equal(4, JsonDocument.Parse(best.StandardOutput).RootElement.GetArrayLength());

        // A port found free can be taken by someone else before the silo binds it: then start again on new ports.
        async Task<ScProcess> StartSiloAsync(string role, string name)
        {
            for (var attempt = 1; ; attempt++)
            {
                var p = FreePorts.Take(3);
                var silo = Silo(role, name, p);
                try
                {
                    await WaitReadyAsync([silo], [p[2]], ct);
                    return silo;
                }
                catch (InvalidOperationException) when (attempt < 3 && silo.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                {
                    await silo.DisposeAsync();
                }
            }
        }

        ScProcess Silo(string role, string name, int[] p) => ScProcess.Start(name, environment,
            "silo", "--role", role, "--postgres", postgres, "--name", name, "--slots", "1", "--lease-timeout", "3",
            "--silo-port", p[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--gateway-port", p[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--http-port", p[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--data-dir", data.File(name));

        Task<(int ExitCode, string StandardOutput, string AllOutput)> Sc(params string[] arguments) => ScProcess.RunAsync(environment, ct, arguments);

        async Task<JsonElement> PollAsync(string id, Func<JsonElement, bool> done, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            string last = "";
            while (DateTime.UtcNow < deadline)
            {
                last = SweepJson.Status(await watcher.Client.GetGrain<ISweepGrain>(id).GetStatus(0, 100));
                var json = JsonDocument.Parse(last).RootElement.Clone();
                if (done(json))
                {
                    return json;
                }

                await Task.Delay(100, ct);
            }

            throw new TimeoutException($"sweep {id} did not get there in {timeout}; last status: {last}\n--- coordinator:\n{coordinator.Output}\n--- worker b:\n{workerB.Output}");
        }
    }

    private static IEnumerable<JsonElement> Trials(JsonElement status) => status.GetProperty("trials").EnumerateArray();

    private static async Task WaitReadyAsync(IReadOnlyList<ScProcess> silos, IReadOnlyList<int> httpPorts, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < silos.Count; i++)
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                if (silos[i].HasExited)
                {
                    throw new InvalidOperationException($"silo {silos[i].Name} exited:\n{silos[i].Output}");
                }

                try
                {
                    using var response = await http.GetAsync($"http://127.0.0.1:{httpPorts[i]}/readyz", ct);
                    if (response.IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    // Slow to answer while starting.
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"silo {silos[i].Name} not ready:\n{silos[i].Output}");
                }

                await Task.Delay(200, ct);
            }
        }
    }
}
