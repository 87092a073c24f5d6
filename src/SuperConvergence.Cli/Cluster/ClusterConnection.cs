using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SuperConvergence.Silo.Hosting;

namespace SuperConvergence.Cli.Cluster;

/// <summary>
/// A client connection to a running cluster, for the duration of one command. An unreachable cluster is reported
/// within <see cref="ConnectTimeout"/>, never a hang.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(8);

    private const int ConnectAttempts = 3;

    private readonly IHost _host;

    private ClusterConnection(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterConnection> OpenAsync(ClusterTarget target, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            if (target.Postgres is not null)
            {
                client.UseSuperConvergenceCluster(target.Postgres);
            }
            else
            {
                client.UseStaticClustering(target.Gateway!);
                client.Configure<Orleans.Configuration.ClusterOptions>(o =>
                {
                    o.ClusterId = SuperConvergenceStorageOptions.DefaultClusterId;
                    o.ServiceId = SuperConvergenceStorageOptions.DefaultServiceId;
                });
            }

            // A few quick retries (a gateway may just have died and still be listed), then say the cluster is
            // unreachable rather than retry for ever; the overall connect timeout bounds it too.
            var attempts = 0;
            client.UseConnectionRetryFilter(async (_, ct) =>
            {
                if (++attempts > ConnectAttempts)
                {
                    return false;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
                return true;
            });
        });
        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
            return new ClusterConnection(host);
        }
        catch (Exception e) when (e is not CliException)
        {
            host.Dispose();
            var reason = timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                ? $"no answer within {ConnectTimeout.TotalSeconds:0} s"
                : Innermost(e).Message.Split('\n')[0];
            throw new CliException(
                $"cannot reach the cluster ({target.Describe()}): {reason}",
                ExitCodes.Failure,
                "is a silo running (sc silo …)? check --postgres / --gateway");
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _host.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Leaving a cluster we only read from needs no goodbye.
        }

        _host.Dispose();
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
