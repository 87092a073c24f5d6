using System.Net;
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
    }
}
