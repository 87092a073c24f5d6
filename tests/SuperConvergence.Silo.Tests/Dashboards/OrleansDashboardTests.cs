using System.Net;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Silo.Tests.Hosting;
using SuperConvergence.Silo.Tests.Support;
using SuperConvergence.Testing.Browsers;

namespace SuperConvergence.Silo.Tests.Dashboards;

/// <summary>`sc silo --dashboard`: the Orleans Dashboard on the silo's HTTP port, opened in headless Chromium.</summary>
public sealed class OrleansDashboardTests
{
    // The sweep's grain classes, as the dashboard lists grain types.
    private static readonly string[] SweepGrainTypes = ["SweepGrain", "TrialGrain", "WorkQueueGrain", "WorkerGrain", "SweepCatalogGrain"];

    [Fact]
    public async Task The_dashboard_opened_in_chromium_lists_the_grain_types_of_a_sweep_that_ran()
    {
        var ct = TestContext.Current.CancellationToken;
        HeadlessChromium.RequireBinary();
        await using var silo = await EmbeddedSilo.StartAsync(dashboard: true);
        await RunSweepAsync(silo, ct);

        var page = new Uri($"http://127.0.0.1:{silo.Settings.HttpPort}{SuperConvergenceSiloHost.DashboardPath}/#/grains");
        var dom = await HeadlessChromium.DumpDomAsync(page, TimeSpan.FromSeconds(15), ct);

        var missing = SweepGrainTypes.Where(type => !dom.Contains(type, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"the dashboard page shows no {string.Join(", ", missing)}; its DOM:\n{dom[..Math.Min(dom.Length, 4000)]}");
    }

    [Fact]
    public async Task Without_the_flag_the_silo_serves_no_dashboard()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var silo = await EmbeddedSilo.StartAsync();

        using var response = await silo.Http.GetAsync(SuperConvergenceSiloHost.DashboardPath.TrimStart('/') + "/", ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task RunSweepAsync(EmbeddedSilo silo, CancellationToken ct)
    {
        var sweep = silo.Grains.GetGrain<ISweepGrain>("dashboard1");
        await sweep.Start(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "examples", "simulated-quick.yaml"), ct));
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while ((await sweep.GetStatus(0, 0)).State == SweepState.Running)
        {
            Assert.True(DateTime.UtcNow < deadline, "the sweep still runs after 120 s");
            await Task.Delay(100, ct);
        }

        // As `sc sweep list` and `sc trial show` would: the catalog lists it, and a finished trial (whose grain may have
        // been collected already) is read again.
        Assert.Contains(await silo.Grains.GetGrain<ISweepCatalogGrain>(0).List(), listing => listing.SweepId == "dashboard1");
        var trial = (await sweep.GetStatus(0, 1)).Trials[0];
        Assert.Equal(trial.TrialId, (await silo.Grains.GetGrain<ITrialGrain>(trial.TrialId).Get()).TrialId);
    }
}
