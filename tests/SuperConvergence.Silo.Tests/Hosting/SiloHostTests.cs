using System.Globalization;
using System.Net;
using Orleans.Core.Internal;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Silo.Tests.Support;
using SuperConvergence.Testing.Servers;

namespace SuperConvergence.Silo.Tests.Hosting;

public sealed class SiloHostTests
{
    [Fact]
    public async Task An_embedded_silo_is_live_ready_and_serves_metrics()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var live = await silo.Http.GetAsync("healthz", ct);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var ready = await silo.Http.GetAsync("readyz", ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var metrics = await silo.Http.GetAsync("metrics", ct);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("# TYPE", await metrics.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task A_real_prometheus_scrapes_the_silo()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        await using var prometheus = await TestPrometheus.StartAsync("silo", [$"127.0.0.1:{silo.Settings.HttpPort}"], ct);

        var up = await prometheus.WaitForAsync("up{job=\"silo\"}", v => v == 1, TimeSpan.FromSeconds(30), ct);
        Assert.Equal(1, up);

        // A finished sweep's final values stay on /metrics while its coordinator is active, long enough to be scraped.
        var status = await RunQuickSweepAsync(silo, "prom1", ct);
        var sweep = $"sweep_id=\"prom1\",sweep_name=\"{status.Name}\"";
        var round = await prometheus.WaitForAsync($"sc_sweep_round{{{sweep}}}", v => v == status.Round, TimeSpan.FromSeconds(30), ct);
        var upper = await prometheus.WaitForAsync($"sc_sweep_max_lr_upper{{{sweep}}}", v => v == status.Bounds.Max, TimeSpan.FromSeconds(30), ct);
        var completed = await prometheus.WaitForAsync($"sc_sweep_trials{{{sweep},state=\"completed\"}}", v => v == status.Counts[TrialState.Completed], TimeSpan.FromSeconds(30), ct);
        var used = await prometheus.WaitForAsync($"sc_sweep_trial_epochs_used{{{sweep}}}", v => v == status.TrialEpochsUsed, TimeSpan.FromSeconds(30), ct);

        Assert.True(round > 0, $"the adaptive sweep ended in round {round}");
        Assert.Equal(status.Bounds.Max, upper);
        Assert.Equal(status.Counts[TrialState.Completed], completed);
        Assert.Equal(status.TrialEpochsUsed, used);
    }

    [Fact]
    public async Task A_sweeps_gauges_are_on_the_scrape_with_its_labels_until_its_coordinator_deactivates()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var sweepGauges = ExportedMetrics.Names().Where(n => n.StartsWith("sc_sweep_", StringComparison.Ordinal)).ToList();

        var status = await RunQuickSweepAsync(silo, "scrape1", ct);
        var scrape = await silo.Http.GetStringAsync("metrics", ct);

        Assert.NotEmpty(sweepGauges);
        Assert.All(sweepGauges, name => Assert.Contains(SeriesOf(scrape, name), line => line.Contains("sweep_id=\"scrape1\"", StringComparison.Ordinal) && line.Contains($"sweep_name=\"{status.Name}\"", StringComparison.Ordinal)));

        // The call after the deactivation reaches a new activation, which a finished sweep's does not publish from.
        await silo.Grains.GetGrain<ISweepGrain>("scrape1").Cast<IGrainManagementExtension>().DeactivateOnIdle(ct);
        await silo.Grains.GetGrain<ISweepGrain>("scrape1").GetStatus(0, 1);
        var after = await ScrapeUntilAsync(silo, text => !text.Contains("sweep_id=\"scrape1\"", StringComparison.Ordinal), ct);

        Assert.DoesNotContain("sweep_id=\"scrape1\"", after, StringComparison.Ordinal);
    }

    /// <summary>
    /// Scrapes until <paramref name="done"/> holds or 10 s pass, and returns the last scrape: the exporter answers
    /// from a cached scrape for a moment (300 ms by default), and no event says when that has expired.
    /// </summary>
    private static async Task<string> ScrapeUntilAsync(EmbeddedSilo silo, Func<string, bool> done, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var scrape = await silo.Http.GetStringAsync("metrics", ct);
            if (done(scrape) || DateTime.UtcNow > deadline)
            {
                return scrape;
            }

            await Task.Delay(100, ct);
        }
    }

    private static IEnumerable<string> SeriesOf(string scrape, string name) =>
        scrape.Split('\n').Where(line => line.StartsWith(name + "{", StringComparison.Ordinal));

    /// <summary>
    /// Runs examples/simulated-quick.yaml (adaptive, a few seconds on the simulated trainer) to its end. The status
    /// is polled: the sweep grain announces no end a test could await.
    /// </summary>
    private static async Task<SweepStatus> RunQuickSweepAsync(EmbeddedSilo silo, string sweepId, CancellationToken ct)
    {
        var sweep = silo.Grains.GetGrain<ISweepGrain>(sweepId);
        await sweep.Start(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "examples", "simulated-quick.yaml"), ct));
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var status = await sweep.GetStatus(0, 0);
            if (status.State != SweepState.Running)
            {
                Assert.Equal(SweepState.Completed, status.State);
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"sweep {sweepId} still running after 120 s: {string.Join(", ", status.Counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key}={c.Value}")))}");
            await Task.Delay(100, ct);
        }
    }
}
