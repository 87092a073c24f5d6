using System.Data.Common;
using Npgsql;

namespace SuperConvergence.Silo.Persistence.Migrations;

/// <summary>
/// One transaction that holds the database's migration lock until it commits, so that silos starting together
/// apply each script once: the first applies, the others wait and then find nothing pending.
/// </summary>
internal abstract class MigrationSession : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;

    protected MigrationSession(DbConnection connection, DbTransaction transaction)
    {
        this._connection = connection;
        this._transaction = transaction;
    }

    public static Task<MigrationSession> OpenExclusiveAsync(DatabaseProvider provider, string connectionString, CancellationToken cancellationToken) =>
        provider switch
        {
            DatabaseProvider.Postgres => PostgresMigrationSession.OpenAsync(connectionString, cancellationToken),
            DatabaseProvider.Sqlite => SqliteMigrationSession.OpenAsync(connectionString, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown database provider"),
        };

    protected abstract string VersionTableExistsSql { get; }

    public async Task<IReadOnlySet<int>> ReadAppliedVersionsAsync(CancellationToken cancellationToken)
    {
        var exists = Convert.ToInt64(await ScalarAsync(VersionTableExistsSql, cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
        var versions = new HashSet<int>();
        if (!exists)
        {
            return versions;
        }

        await using var command = CreateCommand("SELECT version FROM sc_schema_version");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return versions;
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task CommitAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    protected async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(sql);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private DbCommand CreateCommand(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }

    private sealed class PostgresMigrationSession(DbConnection connection, DbTransaction transaction)
        : MigrationSession(connection, transaction)
    {
        /// <summary>The advisory-lock key migrations serialise on ("SCSCMIGR" in ASCII).</summary>
        public const long AdvisoryLockKey = 0x5343_5343_4D49_4752;

        protected override string VersionTableExistsSql => "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = 'sc_schema_version' AND schemaname = current_schema()";

        public static async Task<MigrationSession> OpenAsync(string connectionString, CancellationToken cancellationToken)
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var session = new PostgresMigrationSession(connection, transaction);
                // Released by the commit or rollback that ends the transaction, never left behind by a crash.
                await session.ScalarAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
                return session;
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
    }

    private sealed class SqliteMigrationSession(DbConnection connection, DbTransaction transaction)
        : MigrationSession(connection, transaction)
    {
        protected override string VersionTableExistsSql => "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sc_schema_version'";

        public static async Task<MigrationSession> OpenAsync(string connectionString, CancellationToken cancellationToken)
        {
            ConnectionStrings.EnsureSqliteDirectory(connectionString);
            var connection = new SqliteConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                // Write-ahead logging lets the silo's readers run beside a writer; the mode sticks to the file.
                // It cannot change inside a transaction, hence before it.
                await using (var wal = connection.CreateCommand())
                {
                    wal.CommandText = "PRAGMA journal_mode = WAL";
                    await wal.ExecuteNonQueryAsync(cancellationToken);
                }

                // Not deferred: BEGIN IMMEDIATE takes the file's write lock now; other migrators wait on it
                // (within the connection's busy timeout) instead of failing at their first write.
                var transaction = connection.BeginTransaction(deferred: false);
                return new SqliteMigrationSession(connection, transaction);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
    }
}
