using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Network;

namespace SuperConvergence.Silo.Tests.Hosting;

/// <summary>A whole silo host (Orleans, SQLite, HTTP) on free loopback ports in a temporary data directory.</summary>
internal sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly TemporaryDirectory _data;

    private EmbeddedSilo(WebApplication app, TemporaryDirectory data, SiloSettings settings)
    {
        App = app;
        _data = data;
        Settings = settings;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{settings.HttpPort}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public WebApplication App { get; }

    public SiloSettings Settings { get; }

    public HttpClient Http { get; }

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    public static async Task<EmbeddedSilo> StartAsync(int slots = 2, bool dashboard = false)
    {
        var data = new TemporaryDirectory("sc-silo");
        var ports = FreePorts.Take(3);
        var settings = new SiloSettings
        {
            Name = "test-silo",
            SiloPort = ports[0],
            GatewayPort = ports[1],
            HttpPort = ports[2],
            Address = IPAddress.Loopback,
            DataDirectory = data.Path,
            Slots = slots,
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
            LeaseTimeout = TimeSpan.FromSeconds(2),
            Dashboard = dashboard,
        };
        var app = SuperConvergenceSiloHost.Build(settings, LogLevel.Warning);
        await app.StartAsync();
        return new EmbeddedSilo(app, data, settings);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        _data.Dispose();
    }
}
