using Npgsql;
using Xunit;

namespace SuperConvergence.Testing.Servers;

/// <summary>
/// The throwaway PostgreSQL server that ./test.sh starts. Each caller gets a database of its own, so
/// tests never see each other's rows. Without the server a test is skipped with the reason, never passed.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "SC_TEST_POSTGRES";

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable);

    /// <summary>Skips the calling test unless ./test.sh provided a server.</summary>
    public static string RequireServer()
    {
        var connection = ServerConnectionString;
        Assert.SkipWhen(
            string.IsNullOrWhiteSpace(connection),
            $"needs PostgreSQL: {EnvironmentVariable} is not set (./test.sh starts a server and sets it)");
        return connection!;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var server = RequireServer();
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
