using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Silo.Persistence;
using SuperConvergence.Testing.Network;

namespace SuperConvergence.Silo.Tests.Hosting;

/// <summary>A real silo in a generic host on free loopback ports, configured only through AddSuperConvergencePersistence.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TestSilo(IHost host, int siloPort, int gatewayPort)
    {
        this._host = host;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<TestSilo> StartAsync(Action<SuperConvergenceStorageOptions> configure, CancellationToken cancellationToken)
    {
        var ports = FreePorts.Take(2);
        var options = new SuperConvergenceStorageOptions();
        configure(options);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.AddSuperConvergencePersistence(o =>
            {
                configure(o);
                o.EmbeddedSiloPort = ports[0];
                o.EmbeddedGatewayPort = ports[1];
            });
            if (options.Provider == DatabaseProvider.Postgres)
            {
                silo.ConfigureEndpoints(IPAddress.Loopback, ports[0], ports[1]);
            }
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new TestSilo(host, ports[0], ports[1]);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
