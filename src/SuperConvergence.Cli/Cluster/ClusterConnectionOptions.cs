namespace SuperConvergence.Cli.Cluster;

/// <summary>
/// The command-line options with which every client command reaches a cluster (--postgres, --gateway, --timeout);
/// not Orleans' ClusterOptions, which names a cluster and service.
/// </summary>
public sealed class ClusterConnectionOptions(CliConsole? console = null)
{
    public const string TimeoutVariable = "SC_TIMEOUT";

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = $"PostgreSQL connection string of the cluster's membership table (better: ${ClusterTarget.PostgresVariable} or ${PostgresSecret.FileVariable}, which ps does not show)",
    };

    public Option<string?> Gateway { get; } = new("--gateway")
    {
        Description = $"A silo gateway as HOST:PORT (or ${ClusterTarget.GatewayVariable})",
    };

    public Option<double?> Timeout { get; } = new("--timeout")
    {
        Description = $"Seconds to wait for each answer from the cluster (or ${TimeoutVariable}; default {ClusterConnection.DefaultResponseTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)})",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Postgres);
        command.Options.Add(Gateway);
        command.Options.Add(Timeout);
    }

    public Task<ClusterConnection> ConnectAsync(ParseResult parse, CancellationToken cancellationToken) =>
        ConnectAsync(ClusterTarget.Resolve(parse.GetValue(Postgres), parse.GetValue(Gateway)), parse, cancellationToken);

    /// <summary>Connects to <paramref name="target"/>, resolved already, with this command's --timeout.</summary>
    public Task<ClusterConnection> ConnectAsync(ClusterTarget target, ParseResult parse, CancellationToken cancellationToken)
    {
        if (target.Warning is { } warning)
        {
            (console ?? CliConsole.System).Error.WriteLine(warning);
        }

        return ClusterConnection.OpenAsync(target, cancellationToken, ResponseTimeout(parse.GetValue(Timeout), Environment.GetEnvironmentVariable));
    }

    /// <summary>How long one grain call may take before the command gives up: --timeout, else SC_TIMEOUT, else the default.</summary>
    public static TimeSpan ResponseTimeout(double? option, Func<string, string?> environment)
    {
        var (seconds, field) = (option, "--timeout");
        if (seconds is null && environment(TimeoutVariable) is { Length: > 0 } text)
        {
            field = TimeoutVariable;
            seconds = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw CliException.BadInput(field, text, "must be a number of seconds");
        }

        if (seconds is null)
        {
            return ClusterConnection.DefaultResponseTimeout;
        }

        if (!double.IsFinite(seconds.Value) || seconds is < 0.5 or > 3600)
        {
            throw CliException.BadInput(field, seconds.Value, "must be between 0.5 and 3600 seconds");
        }

        return TimeSpan.FromSeconds(seconds.Value);
    }
}
