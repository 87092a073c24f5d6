using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace SuperConvergence.Cli.Cluster;

/// <summary>
/// A client connection to a running cluster, for the duration of one command. An unreachable cluster is reported
/// within <see cref="ConnectTimeout"/> (or a longer --timeout), never a hang; a cluster that stops answering later fails the call within its
/// response timeout (Orleans' own default, 30 s, is too long for a console waiting on one query).
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(8);

    /// <summary>Long enough for a page of a 100,000-trial sweep read back from storage after a restart.</summary>
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(10);

    private const int ConnectAttempts = 3;

    private readonly IHost _host;

    private ClusterConnection(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>The response timeout the Orleans client actually runs with.</summary>
    public TimeSpan ResponseTimeout => _host.Services.GetRequiredService<IOptions<ClientMessagingOptions>>().Value.ResponseTimeout;

    public static async Task<ClusterConnection> OpenAsync(ClusterTarget target, CancellationToken cancellationToken, TimeSpan? responseTimeout = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseSuperConvergenceCluster(options =>
            {
                options.PostgresConnectionString = target.Postgres;
                options.Gateway = target.Postgres is null ? target.Gateway : null;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout ?? DefaultResponseTimeout);

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
        // Connecting is the first answer a command waits for: a longer --timeout (a loaded machine, a far cluster)
        // is honoured here too, a shorter one never makes connecting less patient than the default.
        var connectTimeout = ConnectTimeoutFor(responseTimeout);
        timeout.CancelAfter(connectTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
            return new ClusterConnection(host);
        }
        catch (Exception e) when (e is not CliException)
        {
            host.Dispose();
            var reason = timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                ? $"no answer within {connectTimeout.TotalSeconds:0} s"
                : UnexpectedFailure.Cause(e);
            throw new CliException(
                $"cannot reach the cluster ({target.Describe()}): {reason}",
                ExitCodes.Failure,
                "is a silo running (sc silo …)? check --postgres / --gateway");
        }
    }

    /// <summary>How long connecting may take: <see cref="ConnectTimeout"/>, or the command's response timeout when longer.</summary>
    public static TimeSpan ConnectTimeoutFor(TimeSpan? responseTimeout) =>
        responseTimeout is { } asked && asked > ConnectTimeout ? asked : ConnectTimeout;

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
}
