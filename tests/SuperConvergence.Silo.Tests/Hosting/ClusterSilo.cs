using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Network;

namespace SuperConvergence.Silo.Tests.Hosting;

/// <summary>
/// A whole silo host of a PostgreSQL cluster (Orleans, HTTP with /metrics) in one role, on free loopback ports, with
/// the production trainers. Several in one process form a cluster through the database.
/// </summary>
internal sealed class ClusterSilo : IAsyncDisposable
{
    private readonly TemporaryDirectory _data;
    private bool _disposed;

    private ClusterSilo(WebApplication app, TemporaryDirectory data, SiloSettings settings)
    {
        App = app;
        _data = data;
        Settings = settings;
    }

    public WebApplication App { get; }

    public SiloSettings Settings { get; }

    /// <summary>host:port of /metrics, as Prometheus names a target.</summary>
    public string MetricsTarget => $"127.0.0.1:{Settings.HttpPort}";

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    public static async Task<ClusterSilo> StartAsync(SiloRole role, string name, string postgres, int slots, CancellationToken cancellationToken)
    {
        var data = new TemporaryDirectory("sc-cluster-silo");
        var ports = FreePorts.Take(3);
        var settings = new SiloSettings
        {
            Role = role,
            Postgres = postgres,
            Name = name,
            SiloPort = ports[0],
            GatewayPort = ports[1],
            HttpPort = ports[2],
            Address = IPAddress.Loopback,
            DataDirectory = data.Path,
            Slots = slots,
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
            LeaseTimeout = TimeSpan.FromSeconds(2),
        };
        var app = SuperConvergenceSiloHost.Build(settings, LogLevel.Warning);
        await app.StartAsync(cancellationToken);
        return new ClusterSilo(app, data, settings);
    }

    /// <summary>Stops the silo (its grains deactivate, its slots' attempts are stopped); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await App.StopAsync();
        await App.DisposeAsync();
        _data.Dispose();
    }
}
