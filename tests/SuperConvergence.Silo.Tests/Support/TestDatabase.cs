using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using SuperConvergence.Silo.Persistence;
using SuperConvergence.Testing.Servers;

namespace SuperConvergence.Silo.Tests.Support;

/// <summary>An empty database of either dialect, plus the few raw queries tests check the schema with.</summary>
public sealed record TestDatabase(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>A fresh database on ./test.sh's PostgreSQL server; skips the test without one.</summary>
    public static async Task<TestDatabase> CreatePostgresAsync(string prefix, CancellationToken cancellationToken) =>
        new(DatabaseProvider.Postgres, await TestPostgres.CreateDatabaseAsync(prefix, cancellationToken));

    /// <summary>A database file (not yet created) in <paramref name="directory"/>.</summary>
    public static TestDatabase CreateSqlite(string directory) =>
        new(DatabaseProvider.Sqlite, ConnectionStrings.ForSqliteFile(Path.Combine(directory, $"sc-{Guid.NewGuid():N}.db")));

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(ConnectionString)
            : new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<List<object[]>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<object[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }
}
