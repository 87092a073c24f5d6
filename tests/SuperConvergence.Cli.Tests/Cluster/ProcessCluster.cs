using System.Globalization;
using System.Text.Json;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Cli.Cluster;
using SuperConvergence.Cli.Sweeps;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Network;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// A cluster of real `sc silo` processes on a PostgreSQL database, for the tests that kill, cut off or starve them:
/// silos started on fresh ports and awaited on their /readyz, `sc` commands run against it, and a watcher client in
/// this process (starting `sc` per look takes seconds on a loaded machine) that keeps looking through faults.
/// </summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    private readonly List<ScProcess> _silos = [];
    private readonly CancellationToken _cancellationToken;
    private ClusterConnection? _watcher;

    public ProcessCluster(string postgres, TemporaryDirectory data, CancellationToken cancellationToken)
    {
        Postgres = postgres;
        Data = data;
        _cancellationToken = cancellationToken;
        Environment = new Dictionary<string, string> { ["SC_DATA"] = data.Path, ["NO_COLOR"] = "1" };
    }

    public string Postgres { get; }

    public TemporaryDirectory Data { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Starts `sc silo --role ROLE` named NAME and waits until it is ready; retried on new ports if one was taken meanwhile.</summary>
    public Task<ScProcess> StartSiloAsync(string role, string name, int slots = 1) => StartSiloAsync(role, name, slots, address: null, networkNamespace: null);

    /// <summary>
    /// The same, listening on <paramref name="address"/> (loopback when null), and run inside the network namespace
    /// <paramref name="networkNamespace"/> when one is named.
    /// </summary>
    public async Task<ScProcess> StartSiloAsync(string role, string name, int slots, string? address, string? networkNamespace)
    {
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePorts.Take(3);
            var silo = ScProcess.StartIn(networkNamespace, name, Environment, [
                "silo", "--role", role, "--postgres", Postgres, "--name", name, "--slots", slots.ToString(CultureInfo.InvariantCulture),
                "--lease-timeout", "3",
                "--silo-port", ports[0].ToString(CultureInfo.InvariantCulture),
                "--gateway-port", ports[1].ToString(CultureInfo.InvariantCulture),
                "--http-port", ports[2].ToString(CultureInfo.InvariantCulture),
                "--data-dir", Data.File(name), .. (address is null ? Array.Empty<string>() : ["--address", address])]);
            try
            {
                await silo.WaitReadyAsync($"http://{address ?? "127.0.0.1"}:{ports[2]}/readyz", TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(2), _cancellationToken);
                _silos.Add(silo);
                return silo;
            }
            catch (InvalidOperationException) when (attempt < 3 && silo.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await silo.DisposeAsync();
            }
        }
    }

    /// <summary>Runs `sc ARGS… --postgres P` to its end.</summary>
    public Task<(int ExitCode, string StandardOutput, string AllOutput)> ScAsync(params string[] arguments) =>
        ScProcess.RunAsync(Environment, _cancellationToken, [.. arguments, "--postgres", Postgres]);

    /// <summary>Submits the spec (YAML text) and returns the sweep id.</summary>
    public async Task<string> SubmitAsync(string name, string spec)
    {
        var file = Data.File(name + ".yaml");
        await File.WriteAllTextAsync(file, spec, _cancellationToken);
        // A loaded machine may take longer than the default 8 s to connect a new client.
        var submit = await ScAsync("sweep", "submit", file, "--format", "json", "--timeout", "60");
        if (submit.ExitCode != 0)
        {
            throw new InvalidOperationException($"submit failed ({submit.ExitCode}): {submit.AllOutput}");
        }

        return JsonDocument.Parse(submit.StandardOutput).RootElement.GetProperty("sweepId").GetString()!;
    }

    /// <summary>
    /// The sweep's status JSON (as `sc sweep status --format json` prints it) once <paramref name="done"/> holds. Looks
    /// that fail (the cluster is mid-fault) are retried until the deadline.
    /// </summary>
    public Task<JsonElement> PollAsync(string sweepId, Func<JsonElement, bool> done, TimeSpan timeout) =>
        PollAsync(async () => _watcher ??= await ClusterConnection.OpenAsync(new ClusterTarget(Postgres, null), _cancellationToken), sweepId, done, timeout, Logs, _cancellationToken);

    /// <summary>
    /// The status JSON of <paramref name="sweepId"/>, asked through <paramref name="watcher"/> every 200 ms, once
    /// <paramref name="done"/> holds. A look that fails (a silo was just killed, the database is away) is retried until
    /// the deadline; then a timeout carrying the last answer and <paramref name="logs"/>.
    /// </summary>
    public static async Task<JsonElement> PollAsync(
        Func<Task<ClusterConnection>> watcher, string sweepId, Func<JsonElement, bool> done, TimeSpan timeout, Func<string> logs, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var connection = await watcher();
                last = SweepJson.Status(await connection.Client.GetGrain<ISweepGrain>(sweepId).GetStatus(0, 100));
                var json = JsonDocument.Parse(last).RootElement.Clone();
                if (done(json))
                {
                    return json;
                }
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or CliException or InvalidOperationException)
            {
                last = $"(no answer: {e.GetType().Name}: {e.Message})";
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"sweep {sweepId} did not get there in {timeout}; last status: {last}\n{logs()}");
    }

    /// <summary>
    /// A random-search sweep of simulated trials (one weight decay, one batch size) that the fault tests run: 
    /// <paramref name="trials"/> trials of <paramref name="cycleEpochs"/> epochs of <paramref name="epochSeconds"/>, two at a time.
    /// </summary>
    public static string SimulatedSpec(string name, int trials, int cycleEpochs, int seed, double epochSeconds = 1.0) => $$"""
        name: {{name}}
        dataset: synthetic
        model: mlp
        trainer: {kind: simulated, epochSeconds: {{epochSeconds.ToString(CultureInfo.InvariantCulture)}}}
        searchSpace:
          maxLr: {min: 0.05, max: 2}
          weightDecay: [0.0001]
          batchSize: [128]
          cycleEpochs: [{{cycleEpochs}}]
        strategy: random
        budget: {trialEpochs: {{trials * cycleEpochs}}, maxTrials: {{trials}}}
        maxConcurrentTrials: 2
        seed: {{seed}}
        """;

    /// <summary>
    /// What every fault test ends with: the sweep completed with <paramref name="trials"/> trials, each completed with
    /// epochs 1…<paramref name="cycleEpochs"/> recorded exactly once (read with `sc trial show`), and no epoch counted twice.
    /// </summary>
    public async Task AssertCompletedWithEveryEpochOnceAsync(JsonElement final, int trials, int cycleEpochs)
    {
        Assert.True(final.GetProperty("state").GetString() == "completed", $"{final}\n{Logs()}");
        var all = Trials(final).ToList();
        Assert.Equal(trials, all.Count);
        foreach (var trial in all)
        {
            Assert.Equal("completed", trial.GetProperty("state").GetString());
            // A trial grain that lived on a killed silo answers again once the cluster has declared that silo dead.
            var show = await ScAsync("trial", "show", trial.GetProperty("trialId").GetString()!, "--format", "json");
            for (var wait = 0; show.ExitCode != 0 && wait < 12; wait++)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), _cancellationToken);
                show = await ScAsync("trial", "show", trial.GetProperty("trialId").GetString()!, "--format", "json");
            }

            Assert.True(show.ExitCode == 0, show.AllOutput);
            var epochs = JsonDocument.Parse(show.StandardOutput).RootElement.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32());
            Assert.Equal(Enumerable.Range(1, cycleEpochs), epochs);
        }

        Assert.Equal(trials * cycleEpochs, final.GetProperty("trialEpochsUsed").GetInt32());
    }

    /// <summary>The sweep's status once it has ended (completed or failed).</summary>
    public Task<JsonElement> WaitForEndAsync(string sweepId) =>
        PollAsync(sweepId, status => status.GetProperty("state").GetString() is "completed" or "failed", TimeSpan.FromSeconds(240));

    /// <summary>Every silo's output so far, for failure messages.</summary>
    public string Logs() => string.Join("\n", _silos.Select(s => $"--- {s.Name}:\n{s.Output}"));

    public static IEnumerable<JsonElement> Trials(JsonElement status) => status.GetProperty("trials").EnumerateArray();

    /// <summary>
    /// A trial that is training with between one and four epochs recorded (on a worker whose id starts with
    /// <paramref name="workerPrefix"/>, when given: "wa/"), or null: the moment a fault test strikes. The fault tests'
    /// trials have 8 epochs of 1 s, so at least 4 s of training remain however late a loaded machine strikes.
    /// </summary>
    public static string? TrainingTrial(JsonElement status, string workerPrefix = "") =>
        Trials(status).FirstOrDefault(t =>
            t.GetProperty("state").GetString() == "running" &&
            t.GetProperty("worker").GetString()?.StartsWith(workerPrefix, StringComparison.Ordinal) == true &&
            t.GetProperty("epochsCompleted").GetInt32() is >= 1 and <= 4) is { ValueKind: JsonValueKind.Object } trial
            ? trial.GetProperty("trialId").GetString()
            : null;

    public async ValueTask DisposeAsync()
    {
        if (_watcher is not null)
        {
            await _watcher.DisposeAsync();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }
}
