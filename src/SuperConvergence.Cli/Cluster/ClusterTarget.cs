namespace SuperConvergence.Cli.Cluster;

/// <summary>
/// Which cluster a client command talks to. Resolved from, in order: --postgres / --gateway, the environment
/// (SC_POSTGRES or SC_POSTGRES_FILE, SC_GATEWAY), the config file (~/.config/superconvergence/config.json: {"postgres": "…"} or
/// {"gateway": "host:port"}).
/// </summary>
public sealed record ClusterTarget(string? Postgres, IPEndPoint? Gateway)
{
    public const string PostgresVariable = "SC_POSTGRES";
    public const string GatewayVariable = "SC_GATEWAY";
    public const string ConfigHomeVariable = "XDG_CONFIG_HOME";

    /// <summary>
    /// A line for stderr when the target came with a risk the user should fix: a config file holding a database password
    /// that other users of the machine can read. Null when there is none.
    /// </summary>
    public string? Warning { get; init; }

    public string Describe() => Postgres is not null ? $"PostgreSQL membership at {Silo.Persistence.ConnectionStrings.Redact(Postgres)}" : $"gateway {Gateway}";

    /// <param name="environment">Reads a variable; the process environment unless a test supplies its own.</param>
    /// <exception cref="CliException">Nothing names a cluster (bad input), or what does is not usable.</exception>
    public static ClusterTarget Resolve(string? postgresOption, string? gatewayOption, string? configFile = null, Func<string, string?>? environment = null) =>
        TryResolve(postgresOption, gatewayOption, configFile, environment)
        ?? throw new CliException(
            "no cluster to connect to",
            ExitCodes.BadInput,
            $"set {PostgresVariable}, {PostgresSecret.FileVariable} (a file holding the connection string) or {GatewayVariable}, pass --gateway HOST:PORT or --postgres CONN (which ps shows), or write {configFile ?? DefaultConfigFile(environment)}");

    /// <summary>
    /// <see cref="Resolve"/>, but null when nothing names a cluster: the query commands then read the data directory's
    /// store instead.
    /// </summary>
    public static ClusterTarget? TryResolve(string? postgresOption, string? gatewayOption, string? configFile = null, Func<string, string?>? environment = null)
    {
        if (postgresOption is not null || gatewayOption is not null)
        {
            return From(postgresOption, gatewayOption, "--postgres", "--gateway");
        }

        environment ??= Environment.GetEnvironmentVariable;
        var postgresEnv = PostgresSecret.FromEnvironment(environment);
        var gatewayEnv = NullIfBlank(environment(GatewayVariable));
        if (postgresEnv is not null || gatewayEnv is not null)
        {
            return From(postgresEnv?.ConnectionString, gatewayEnv, postgresEnv?.Field ?? PostgresVariable, GatewayVariable) with { Warning = postgresEnv?.Warning };
        }

        var path = configFile ?? DefaultConfigFile(environment);
        if (File.Exists(path))
        {
            var (postgres, gateway) = ReadConfig(path);
            if (postgres is not null || gateway is not null)
            {
                return From(postgres, gateway, $"{path}: postgres", $"{path}: gateway") with { Warning = ConnectionStringFile.WarningIfOthersCanRead(path, postgres) };
            }
        }

        return null;
    }

    public static string DefaultConfigFile(Func<string, string?>? environment = null)
    {
        var config = (environment ?? Environment.GetEnvironmentVariable)(ConfigHomeVariable);
        if (string.IsNullOrWhiteSpace(config))
        {
            config = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        }

        return Path.Combine(config, "superconvergence", "config.json");
    }

    private static ClusterTarget From(string? postgres, string? gateway, string postgresField, string gatewayField)
    {
        if (postgres is not null && gateway is not null)
        {
            throw CliException.BadInput(gatewayField, gateway, $"cannot be combined with {postgresField}: choose one", "PostgreSQL finds every gateway itself; a gateway suits a cluster without PostgreSQL");
        }

        if (postgres is not null)
        {
            if (string.IsNullOrWhiteSpace(postgres))
            {
                throw CliException.BadInput(postgresField, postgres, "must be a PostgreSQL connection string");
            }

            RequirePostgres(postgresField, postgres);
            return new ClusterTarget(postgres, null);
        }

        return new ClusterTarget(null, ParseGateway(gateway!, gatewayField));
    }

    /// <summary>
    /// Refuses a connection string Npgsql cannot use, before any connection is tried: bad input naming
    /// <paramref name="field"/> and the value with its password masked.
    /// </summary>
    public static void RequirePostgres(string field, string connectionString)
    {
        if (Silo.Persistence.ConnectionStrings.PostgresProblem(connectionString) is { } problem)
        {
            throw CliException.BadInput(
                field,
                Silo.Persistence.ConnectionStrings.Redact(connectionString),
                problem,
                Silo.Persistence.ConnectionStrings.IsUri(connectionString)
                    ? $"write it as Host=…;Port=5432;Username=…;Database=… (Npgsql reads no URIs), and pass it in ${PostgresVariable} or a file named by ${PostgresSecret.FileVariable} rather than on the command line"
                    : null);
        }
    }

    public static IPEndPoint ParseGateway(string text, string field)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw CliException.BadInput(field, text, "must be HOST:PORT", "for example --gateway 127.0.0.1:30000 (a silo's --gateway-port)");
        }

        var host = text[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        try
        {
            var addresses = Dns.GetHostAddresses(host);
            return new IPEndPoint(addresses.First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork), port);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or InvalidOperationException)
        {
            throw CliException.BadInput(field, text, $"names no host this machine can resolve ({e.Message})");
        }
    }

    private static (string? Postgres, string? Gateway) ReadConfig(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            string? Get(string name) => document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return (Get("postgres"), Get("gateway"));
        }
        catch (JsonException e)
        {
            throw CliException.BadInput(path, null, $"is not valid JSON ({e.Message})", "write {\"postgres\": \"Host=…\"} or {\"gateway\": \"host:port\"}");
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
