using Npgsql;
using SuperConvergence.Testing.Servers;

namespace SuperConvergence.Silo.Tests.Persistence;

public sealed class TestPostgresTests
{
    [Fact]
    public async Task Each_test_gets_an_empty_database_of_its_own()
    {
        var first = await TestPostgres.CreateDatabaseAsync("sc_probe", TestContext.Current.CancellationToken);
        var second = await TestPostgres.CreateDatabaseAsync("sc_probe", TestContext.Current.CancellationToken);

        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, new NpgsqlConnectionStringBuilder(second).Database);
        await using var connection = new NpgsqlConnection(first);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}
