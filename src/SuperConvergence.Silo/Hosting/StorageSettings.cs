using SuperConvergence.Training.Data;

namespace SuperConvergence.Silo.Hosting;

/// <summary>Storage options after validation, with every default filled in: what the silo actually uses.</summary>
internal sealed record StorageSettings(
    DatabaseProvider Provider,
    string ConnectionString,
    CheckpointStoreKind CheckpointStore,
    string? CheckpointDirectory,
    string ClusterId,
    string ServiceId,
    int EmbeddedSiloPort,
    int EmbeddedGatewayPort,
    bool MigrateOnStart)
{
    public string Invariant => AdoNetInvariants.For(Provider);

    /// <summary>Validates <paramref name="options"/> and resolves its defaults; throws <see cref="OptionsValidationException"/> listing every problem.</summary>
    public static StorageSettings Resolve(SuperConvergenceStorageOptions options)
    {
        var result = new SuperConvergenceStorageOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(nameof(SuperConvergenceStorageOptions), typeof(SuperConvergenceStorageOptions), result.Failures);
        }

        var dataDirectory = Path.GetFullPath(options.DataDirectory ?? DataCache.DefaultDirectory());
        var connectionString = options.ConnectionString
            ?? ConnectionStrings.ForSqliteFile(Path.Combine(dataDirectory, SuperConvergenceStorageOptions.DatabaseFileName));
        var checkpointStore = options.CheckpointStore
            ?? (options.Provider == DatabaseProvider.Postgres ? CheckpointStoreKind.Database : CheckpointStoreKind.Directory);
        var checkpointDirectory = checkpointStore == CheckpointStoreKind.Directory
            ? Path.GetFullPath(options.CheckpointDirectory ?? Path.Combine(dataDirectory, SuperConvergenceStorageOptions.CheckpointFolderName))
            : null;

        return new StorageSettings(
            options.Provider,
            connectionString,
            checkpointStore,
            checkpointDirectory,
            options.ClusterId,
            options.ServiceId,
            options.EmbeddedSiloPort,
            options.EmbeddedGatewayPort,
            options.MigrateOnStart);
    }

    /// <summary>
    /// The one data source a silo opens its SQLite file through (grain storage and checkpoints alike), so its
    /// connections take turns in the process instead of sleeping in SQLite's busy handler; null for PostgreSQL.
    /// </summary>
    public WaitingSqliteDataSource? CreateSqliteDataSource() =>
        Provider == DatabaseProvider.Sqlite ? new WaitingSqliteDataSource(ConnectionString) : null;

    /// <param name="sqlite">The silo's data source of the SQLite file (<see cref="CreateSqliteDataSource"/>); null for PostgreSQL.</param>
    public ICheckpointStore CreateCheckpointStore(WaitingSqliteDataSource? sqlite) => (CheckpointStore, Provider) switch
    {
        (CheckpointStoreKind.Directory, _) => new DirectoryCheckpointStore(CheckpointDirectory!),
        (CheckpointStoreKind.Database, DatabaseProvider.Postgres) => new PostgresCheckpointStore(ConnectionString),
        (CheckpointStoreKind.Database, DatabaseProvider.Sqlite) => new SqliteCheckpointStore(
            sqlite ?? throw new ArgumentNullException(nameof(sqlite), "a SQLite silo's checkpoints share its data source")),
        _ => throw new InvalidOperationException($"no checkpoint store for {CheckpointStore} on {Provider}"),
    };

    // Keeps passwords out of logs and exception messages that print the record.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Provider = {Provider}, ConnectionString = {ConnectionStrings.Redact(ConnectionString)}, ");
        builder.Append($"CheckpointStore = {CheckpointStore}, CheckpointDirectory = {CheckpointDirectory}, ");
        builder.Append($"ClusterId = {ClusterId}, ServiceId = {ServiceId}");
        return true;
    }
}
