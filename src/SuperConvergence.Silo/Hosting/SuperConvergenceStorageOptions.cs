namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// Where a silo keeps cluster state: membership, grain state and checkpoints. The defaults are the embedded
/// mode: one SQLite file and a checkpoint folder under the data directory, localhost clustering.
/// </summary>
public sealed class SuperConvergenceStorageOptions
{
    public const string DefaultClusterId = "superconvergence";
    public const string DefaultServiceId = "superconvergence";
    public const string DatabaseFileName = "superconvergence.db";
    public const string CheckpointFolderName = "checkpoints";
    public const int DefaultEmbeddedSiloPort = EndpointOptions.DEFAULT_SILO_PORT;
    public const int DefaultEmbeddedGatewayPort = EndpointOptions.DEFAULT_GATEWAY_PORT;

    /// <summary>Sqlite: embedded, localhost clustering. Postgres: a real cluster, ADO.NET clustering.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for Postgres. For Sqlite, defaults to DATA/superconvergence.db.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where embedded files live; defaults to $SC_DATA, else ~/.cache/superconvergence.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Defaults to Directory with Sqlite (local disk) and Database with Postgres (reachable by every worker).</summary>
    public CheckpointStoreKind? CheckpointStore { get; set; }

    /// <summary>For the Directory checkpoint store; defaults to DATA/checkpoints. A cluster needs a directory every worker mounts.</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>Orleans ClusterId: silos and clients with the same id form one cluster (the membership table's key).</summary>
    public string ClusterId { get; set; } = DefaultClusterId;

    /// <summary>Orleans ServiceId: grain state is stored under it, so it must stay the same across restarts.</summary>
    public string ServiceId { get; set; } = DefaultServiceId;

    /// <summary>Silo-to-silo port of the embedded (localhost) cluster. With Postgres the host configures endpoints.</summary>
    public int EmbeddedSiloPort { get; set; } = DefaultEmbeddedSiloPort;

    /// <summary>Client gateway port of the embedded (localhost) cluster. With Postgres the host configures endpoints.</summary>
    public int EmbeddedGatewayPort { get; set; } = DefaultEmbeddedGatewayPort;

    /// <summary>
    /// Apply pending schema scripts when the silo starts, before membership and storage read their queries. Off:
    /// the database must have been migrated beforehand (`sc db migrate`), e.g. where silos may not create tables.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;
}
