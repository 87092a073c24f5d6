using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SuperConvergence.Cli.Embedded;

/// <summary>
/// A whole cluster inside the console process (`sc demo`, `sc sweep run`): one silo with both roles, SQLite in the
/// data directory, loopback ports chosen free. Sweeps it ran stay in its database.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmbeddedCluster(WebApplication app, SiloSettings settings)
    {
        _app = app;
        Settings = settings;
    }

    public SiloSettings Settings { get; }

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public static async Task<EmbeddedCluster> StartAsync(int slots, string? dataDirectory, CancellationToken cancellationToken)
    {
        var ports = FreeLoopbackPorts(2);
        var settings = new SiloSettings
        {
            Role = SiloRole.All,
            Name = "embedded",
            Slots = slots,
            SiloPort = ports[0],
            GatewayPort = ports[1],
            HttpPort = 0,
            Address = IPAddress.Loopback,
            DataDirectory = dataDirectory,
            // A sweep an earlier process left running is interrupted and resumed only on purpose (EmbeddedSweepRunner).
            ResumeRunningSweeps = false,
        }.Validated();
        // Warnings would tear through the live view; errors still reach stderr.
        WebApplication app;
        try
        {
            app = SuperConvergenceSiloHost.Build(settings, LogLevel.Error);
        }
        catch (DataDirectoryInUseException e)
        {
            throw InUse(e, dataDirectory is null ? null : "--data-dir");
        }

        await app.StartAsync(cancellationToken);
        return new EmbeddedCluster(app, settings);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    /// <summary>
    /// The one line for a data directory another process owns, naming what chose it: the flag, else $SC_DATA, else
    /// the default (commands without the flag).
    /// </summary>
    public static CliException InUse(DataDirectoryInUseException e, string? flag)
    {
        var field = flag ?? (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DataCache.EnvironmentVariable)) ? "data directory" : "$" + DataCache.EnvironmentVariable);
        return CliException.BadInput(field, e.DataDirectory, $"is in use by {e.Holder}", "one process at a time owns a data directory; wait for it to end, or give this one another --data-dir or $SC_DATA");
    }

    private static int[] FreeLoopbackPorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
