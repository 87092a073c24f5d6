namespace SuperConvergence.Cli.Sweeps;

/// <summary>
/// Where a query command (sweep status, best, export, list, report, trial show) gets its answers: a cluster when one
/// is configured (--postgres / --gateway, SC_POSTGRES / SC_GATEWAY, the config file), else the store an embedded cluster
/// left in the data directory (--data-dir, else $SC_DATA, else ~/.cache/superconvergence), read directly as
/// `optuna … --storage sqlite:///…` reads its file: a sweep `sc sweep run` finished can be queried without starting
/// anything. --data-dir chooses the store even where the environment names a cluster.
/// </summary>
internal sealed class SweepQueryOptions(CliConsole? console = null)
{
    public const string DataDirectoryFlag = "--data-dir";

    public ClusterConnectionOptions Cluster { get; } = new(console);

    public Option<string?> DataDirectory { get; } = new(DataDirectoryFlag)
    {
        Description = $"Read the sweeps an embedded cluster (sc sweep run, sc silo without --postgres) left in this data directory, read-only, starting nothing; the default when no cluster is configured (no --postgres/--gateway, ${ClusterTarget.PostgresVariable}/${ClusterTarget.GatewayVariable} or config file): ${DataCache.EnvironmentVariable}, else ~/.cache/superconvergence",
    };

    public void AddTo(Command command)
    {
        Cluster.AddTo(command);
        command.Options.Add(DataDirectory);
    }

    public async Task<ISweepQueries> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var directory = parse.GetValue(DataDirectory);
        var (postgres, gateway) = (parse.GetValue(Cluster.Postgres), parse.GetValue(Cluster.Gateway));
        if (directory is not null)
        {
            if (string.IsNullOrWhiteSpace(directory))
            {
                throw CliException.BadInput(DataDirectoryFlag, directory, "must name a directory");
            }

            if (postgres is not null || gateway is not null)
            {
                throw CliException.BadInput(
                    DataDirectoryFlag, directory, $"cannot be combined with {(postgres is not null ? "--postgres" : "--gateway")}: choose one",
                    "--data-dir reads an embedded cluster's store; --postgres and --gateway ask a running cluster");
            }

            return StoreSweepQueries.Open(directory, DataDirectoryFlag);
        }

        if (ClusterTarget.TryResolve(postgres, gateway) is { } target)
        {
            return new ClusterSweepQueries(await Cluster.ConnectAsync(target, parse, cancellationToken));
        }

        var fromEnvironment = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(DataCache.EnvironmentVariable));
        return StoreSweepQueries.Open(DataCache.DefaultDirectory(), fromEnvironment ? "$" + DataCache.EnvironmentVariable : "data directory");
    }
}
