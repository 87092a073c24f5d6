using Npgsql;
using SuperConvergence.Silo.Tests.Support;
using SuperConvergence.Testing.Processes;

namespace SuperConvergence.Silo.Tests.Persistence.Migrations;

public sealed class PostgresSchemaMigratorTests : SchemaMigratorContract
{
    protected override Task<TestDatabase> CreateEmptyDatabaseAsync() => TestDatabase.CreatePostgresAsync("sc_migrate", Cancellation);

    protected override async Task ApplyByHandAsync(TestDatabase database, string scriptPath)
    {
        var psql = CommandLineTool.Find("psql");
        Assert.SkipWhen(psql is null, "needs psql on PATH (Debian package postgresql-client) for the by-hand route");
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var conninfo = $"host={connection.Host} port={connection.Port} user={connection.Username} dbname={connection.Database}";
        var result = await CommandLineTool.RunAsync(
            psql!,
            ["--single-transaction", "-q", "-v", "ON_ERROR_STOP=1", "-f", scriptPath, conninfo],
            standardInput: null,
            Cancellation,
            new Dictionary<string, string> { ["PGPASSWORD"] = connection.Password ?? "" });
        Assert.True(result.ExitCode == 0, $"psql failed on {scriptPath}: {result.Error}");
    }
}
