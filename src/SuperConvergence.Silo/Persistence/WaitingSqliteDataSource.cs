using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SuperConvergence.Silo.Persistence;

/// <summary>
/// SQLite connections that wait for a locked database inside SQLite. Without a busy timeout SQLite reports a
/// lock at once, and Microsoft.Data.Sqlite retries only after a long sleep: concurrent grain writes to one
/// file then crawl along at a few hundred per second. SQLite's own busy handler retries as soon as the lock frees.
/// </summary>
internal sealed class WaitingSqliteDataSource(string connectionString) : DbDataSource
{
    private const int BusyTimeoutMilliseconds = 30_000;

    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => new SqliteConnection(connectionString);

    protected override DbConnection OpenDbConnection()
    {
        var connection = CreateDbConnection();
        try
        {
            connection.Open();
            using var command = BusyTimeout(connection);
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = CreateDbConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = BusyTimeout(connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static DbCommand BusyTimeout(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}";
        return command;
    }
}
