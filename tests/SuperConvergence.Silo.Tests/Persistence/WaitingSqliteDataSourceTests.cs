using SuperConvergence.Silo.Persistence;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Silo.Tests.Persistence;

public sealed class WaitingSqliteDataSourceTests : IDisposable
{
    private readonly TemporaryDirectory directory = new("sc-sqlite-source");

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Every_connection_it_opens_waits_for_locks_inside_SQLite()
    {
        using var source = new WaitingSqliteDataSource(ConnectionStrings.ForSqliteFile(directory.File("busy.db")));

        await using var opened = await source.OpenConnectionAsync(TestContext.Current.CancellationToken);
        using var openedSync = source.OpenConnection();

        foreach (var connection in new[] { opened, openedSync })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout";
            Assert.Equal(30_000L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }
    }
}
