using System.CommandLine;

namespace SuperConvergence.Cli.Cluster;

/// <summary>The connection options every client command shares.</summary>
public sealed class ClusterOptions
{
    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = $"PostgreSQL connection string of the cluster's membership table (or ${ClusterTarget.PostgresVariable})",
    };

    public Option<string?> Gateway { get; } = new("--gateway")
    {
        Description = $"A silo gateway as HOST:PORT (or ${ClusterTarget.GatewayVariable})",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Postgres);
        command.Options.Add(Gateway);
    }

    public Task<ClusterConnection> ConnectAsync(ParseResult parse, CancellationToken cancellationToken) =>
        ClusterConnection.OpenAsync(ClusterTarget.Resolve(parse.GetValue(Postgres), parse.GetValue(Gateway)), cancellationToken);
}
