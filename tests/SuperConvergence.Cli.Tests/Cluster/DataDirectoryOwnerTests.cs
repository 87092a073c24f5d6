using System.Globalization;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Network;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// An embedded data directory (SQLite store, checkpoints) has one owner at a time: a second silo or sweep on it is
/// refused with one line naming the directory and the process that holds it, and a killed owner frees it.
/// </summary>
public sealed class DataDirectoryOwnerTests
{
    private const string Spec = """
        name: owner
        dataset: synthetic
        model: mlp
        trainer: {kind: simulated, epochSeconds: 0.01}
        searchSpace:
          maxLr: {min: 0.05, max: 2}
          weightDecay: [0.0001]
          batchSize: [128]
          cycleEpochs: [1]
        strategy: random
        budget: {trialEpochs: 2, maxTrials: 2}
        seed: 3
        """;

    [Fact]
    public async Task A_second_process_on_an_owned_data_directory_is_refused_naming_the_owner_and_a_killed_owner_frees_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TemporaryDirectory("sc-owner");
        var environment = new Dictionary<string, string> { ["NO_COLOR"] = "1" };
        var specFile = data.File("owner.yaml");
        await File.WriteAllTextAsync(specFile, Spec, ct);
        var store = data.File("store");

        var owner = await StartSiloAsync();
        try
        {
            // A refusal is immediate; one that does not come would leave the process running, so give up after a minute.
            using var refusalTime = CancellationTokenSource.CreateLinkedTokenSource(ct);
            refusalTime.CancelAfter(TimeSpan.FromSeconds(60));
            var secondSilo = await ScProcess.RunAsync(environment, refusalTime.Token, ["silo", "--data-dir", store, .. Ports()]);
            var sweep = await ScProcess.RunAsync(environment, refusalTime.Token, "sweep", "run", specFile, "--data-dir", store);

            foreach (var refused in new[] { secondSilo, sweep })
            {
                Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
                var error = refused.AllOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).First(line => line.StartsWith("error: ", StringComparison.Ordinal));
                Assert.StartsWith($"error: --data-dir: '{store}' is in use by process {owner.Id} (sc silo --data-dir {store} ", error);
                Assert.Empty(refused.StandardOutput);
            }
        }
        finally
        {
            owner.Kill();
            await owner.DisposeAsync();
        }

        // SIGKILL ran no shutdown code: the kernel dropped the lock with the process.
        await using var next = await StartSiloAsync();
        Assert.False(next.HasExited);

        // The silo's logs are diagnostics on stderr; stdout stays for what a command was asked for.
        Assert.Contains("info: ", next.Output);
        Assert.Empty(next.StandardOutput);

        async Task<ScProcess> StartSiloAsync()
        {
            var ports = Ports();
            var silo = ScProcess.Start("owner", environment, ["silo", "--data-dir", store, .. ports]);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                if (silo.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"the silo did not get ready:\n{silo.Output}");
                }

                try
                {
                    using var response = await http.GetAsync($"http://127.0.0.1:{ports[^1]}/readyz", ct);
                    if (response.IsSuccessStatusCode)
                    {
                        return silo;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    // Not listening yet.
                }

                await Task.Delay(200, ct);
            }
        }
    }

    private static string[] Ports()
    {
        var p = FreePorts.Take(3).Select(port => port.ToString(CultureInfo.InvariantCulture)).ToArray();
        return ["--silo-port", p[0], "--gateway-port", p[1], "--http-port", p[2]];
    }
}
