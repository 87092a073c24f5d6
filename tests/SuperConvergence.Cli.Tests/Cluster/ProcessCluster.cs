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
                await WaitReadyAsync(silo, address ?? "127.0.0.1", ports[2]);
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
        var submit = await ScAsync("sweep", "submit", file, "--format", "json");
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
    public async Task<JsonElement> PollAsync(string sweepId, Func<JsonElement, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                _watcher ??= await ClusterConnection.OpenAsync(new ClusterTarget(Postgres, null), _cancellationToken);
                last = SweepJson.Status(await _watcher.Client.GetGrain<ISweepGrain>(sweepId).GetStatus(0, 100));
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

            await Task.Delay(200, _cancellationToken);
        }

        throw new TimeoutException($"sweep {sweepId} did not get there in {timeout}; last status: {last}\n{Logs()}");
    }

    /// <summary>Every silo's output so far, for failure messages.</summary>
    public string Logs() => string.Join("\n", _silos.Select(s => $"--- {s.Name}:\n{s.Output}"));

    public static IEnumerable<JsonElement> Trials(JsonElement status) => status.GetProperty("trials").EnumerateArray();

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

    private async Task WaitReadyAsync(ScProcess silo, string address, int httpPort)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (silo.HasExited)
            {
                throw new InvalidOperationException($"silo {silo.Name} exited:\n{silo.Output}");
            }

            try
            {
                using var response = await http.GetAsync($"http://{address}:{httpPort}/readyz", _cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!_cancellationToken.IsCancellationRequested)
            {
                // Slow to answer while starting.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"silo {silo.Name} not ready:\n{silo.Output}");
            }

            await Task.Delay(200, _cancellationToken);
        }
    }
}
