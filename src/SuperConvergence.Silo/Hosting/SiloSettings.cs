using System.Net;

namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// Everything `sc silo` (and the embedded host of `sc demo`) needs to start a silo. Postgres null means embedded:
/// localhost clustering and SQLite under DataDirectory.
/// </summary>
public sealed record SiloSettings
{
    public SiloRole Role { get; init; } = SiloRole.All;

    public string? Postgres { get; init; }

    public string Name { get; init; } = $"silo-{Environment.MachineName}-{Environment.ProcessId}";

    public int Slots { get; init; } = WorkerSlotsOptions.DefaultSlots;

    public int SiloPort { get; init; } = EndpointOptions.DEFAULT_SILO_PORT;

    public int GatewayPort { get; init; } = EndpointOptions.DEFAULT_GATEWAY_PORT;

    /// <summary>/healthz, /readyz and /metrics; 0 serves no HTTP (embedded runs of the console).</summary>
    public int HttpPort { get; init; } = 8080;

    /// <summary>The address other silos and clients reach this one at.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    public string? DataDirectory { get; init; }

    /// <summary>Checkpoints in a directory every worker mounts, instead of the database.</summary>
    public string? CheckpointDirectory { get; init; }

    public TimeSpan HeartbeatInterval { get; init; } = SweepClusterOptions.DefaultHeartbeatInterval;

    public TimeSpan LeaseTimeout { get; init; } = SweepClusterOptions.DefaultLeaseTimeout;

    /// <summary>
    /// Serve the Orleans Dashboard at /dashboard on the HTTP port (off by default: it has no authentication, and its
    /// grain-call profiling costs every call a little). Turn it on for every silo of a cluster.
    /// </summary>
    public bool Dashboard { get; init; }

    /// <summary>
    /// Runs as a Kubernetes pod with Orleans' Kubernetes hosting: Kubernetes' pod events feed membership, and the
    /// pods of silos declared dead are deleted. Needs a PostgreSQL cluster.
    /// </summary>
    public bool Kubernetes { get; init; }

    /// <summary>Wake the sweeps that were running when this silo starts (a server's duty); an embedded `sc sweep run` leaves them to `--resume`.</summary>
    public bool ResumeRunningSweeps { get; init; } = true;

    /// <summary>Checks every field; the exception names the field and the value.</summary>
    public SiloSettings Validated()
    {
        Require(!string.IsNullOrWhiteSpace(Name) && Name.IndexOfAny(['/', ' ']) < 0, "--name", Name, "must be non-empty, without '/' or spaces");
        Require(WorkerSlotsOptions.SlotsProblem(Slots) is null, "--slots", Slots, WorkerSlotsOptions.SlotsProblem(Slots) ?? "");
        Require(SiloPort is > 0 and < 65536, "--silo-port", SiloPort, "must be a TCP port (1-65535)");
        Require(GatewayPort is > 0 and < 65536, "--gateway-port", GatewayPort, "must be a TCP port (1-65535)");
        Require(HttpPort is >= 0 and < 65536, "--http-port", HttpPort, "must be a TCP port (1-65535), or 0 for none");
        Require(SiloPort != GatewayPort && (HttpPort == 0 || (HttpPort != SiloPort && HttpPort != GatewayPort)), "--http-port", HttpPort, "must differ from the silo and gateway ports");
        Require(!Dashboard || HttpPort != 0, "--dashboard", Dashboard, "needs an HTTP port (--http-port is 0)");
        Require(Postgres is null || !string.IsNullOrWhiteSpace(Postgres), "--postgres", Postgres, "must be a PostgreSQL connection string");
        if (Postgres is not null && Persistence.ConnectionStrings.PostgresProblem(Postgres) is { } problem)
        {
            throw new SiloSettingsException("--postgres", Persistence.ConnectionStrings.Redact(Postgres), problem);
        }

        Require(!Kubernetes || Postgres is not null, "--kubernetes", Kubernetes, "needs a PostgreSQL cluster (--postgres, $SC_POSTGRES or $SC_POSTGRES_FILE)");
        Require(HeartbeatInterval > TimeSpan.Zero, "heartbeat", HeartbeatInterval, "must be positive");
        Require(SweepClusterOptions.LeaseOutlastsHeartbeats(LeaseTimeout, HeartbeatInterval), "lease timeout", LeaseTimeout, "must be at least twice the heartbeat interval");
        return this;
    }

    // Keeps the connection string's password out of logs and messages that print the record.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"Role = {Role}, Postgres = {(Postgres is null ? "" : Persistence.ConnectionStrings.Redact(Postgres))}, Name = {Name}, ");
        builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"Slots = {Slots}, SiloPort = {SiloPort}, GatewayPort = {GatewayPort}, HttpPort = {HttpPort}, Address = {Address}, ");
        builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"DataDirectory = {DataDirectory}, CheckpointDirectory = {CheckpointDirectory}, HeartbeatInterval = {HeartbeatInterval}, LeaseTimeout = {LeaseTimeout}, Kubernetes = {Kubernetes}, Dashboard = {Dashboard}");
        return true;
    }

    private static void Require(bool condition, string field, object? value, string problem)
    {
        if (!condition)
        {
            throw new SiloSettingsException(field, value, problem);
        }
    }
}

/// <summary>A silo setting that cannot work; the message is "field: value problem".</summary>
public sealed class SiloSettingsException(string field, object? value, string problem)
    : ArgumentException($"{field}: '{value}' {problem}")
{
    public string Field { get; } = field;
}
