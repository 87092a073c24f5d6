using Microsoft.Data.Sqlite;
using SuperConvergence.Silo.Persistence;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Silo.Tests.Persistence;

public sealed class WaitingSqliteDataSourceTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("sc-sqlite-source");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Every_connection_it_opens_waits_for_other_processes_locks_inside_SQLite()
    {
        using var source = new WaitingSqliteDataSource(ConnectionStrings.ForSqliteFile(_directory.File("busy.db")));

        await using (var opened = await source.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            Assert.Equal(30_000L, await BusyTimeoutAsync(opened));
        }

        using (var openedSync = source.OpenConnection())
        {
            Assert.Equal(30_000L, await BusyTimeoutAsync(openedSync));
        }

        // Opened the way Orleans' ADO.NET provider may open one: created, then opened.
        await using var created = source.CreateConnection();
        await created.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(30_000L, await BusyTimeoutAsync(created));
    }

    [Fact]
    public async Task A_second_connection_opens_only_once_the_first_is_closed_and_waits_without_a_thread()
    {
        using var source = new WaitingSqliteDataSource(ConnectionStrings.ForSqliteFile(_directory.File("turns.db")));
        var first = await source.OpenConnectionAsync(TestContext.Current.CancellationToken);

        var second = source.OpenConnectionAsync(TestContext.Current.CancellationToken).AsTask();
        var third = source.CreateConnection();
        var thirdOpened = third.OpenAsync(TestContext.Current.CancellationToken);

        Assert.False(second.IsCompleted);
        Assert.False(thirdOpened.IsCompleted);
        await first.DisposeAsync();
        await using var secondConnection = await second;
        Assert.False(thirdOpened.IsCompleted);
        await secondConnection.CloseAsync();
        await thirdOpened;
        await third.DisposeAsync();
    }

    [Fact]
    public async Task Many_concurrent_writers_all_commit()
    {
        using var source = new WaitingSqliteDataSource(ConnectionStrings.ForSqliteFile(_directory.File("writers.db")));
        await using (var setup = await source.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await ExecuteAsync(setup, "PRAGMA journal_mode = WAL; CREATE TABLE t (n INTEGER)");
        }

        await Task.WhenAll(Enumerable.Range(0, 64).Select(n => Task.Run(async () =>
        {
            await using var connection = await source.OpenConnectionAsync(TestContext.Current.CancellationToken);
            await ExecuteAsync(connection, $"INSERT INTO t VALUES ({n})");
        })));

        await using var check = await source.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var count = check.CreateCommand();
        count.CommandText = "SELECT COUNT(*), SUM(n) FROM t";
        await using var reader = await count.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(64L, reader.GetInt64(0));
        Assert.Equal(64L * 63 / 2, reader.GetInt64(1));
    }

    [Fact]
    public async Task A_connection_that_fails_to_open_gives_up_its_turn()
    {
        // Read-only, of a file that does not exist: SQLite refuses to open it.
        var missing = new SqliteConnectionStringBuilder { DataSource = _directory.File("missing.db"), Mode = SqliteOpenMode.ReadOnly };
        using var source = new WaitingSqliteDataSource(missing.ToString());

        await Assert.ThrowsAsync<SqliteException>(() => source.OpenConnectionAsync(TestContext.Current.CancellationToken).AsTask());

        // Had the failed open kept the turn, this one would wait forever instead of failing the same way at once.
        var again = source.OpenConnectionAsync(TestContext.Current.CancellationToken).AsTask();
        Assert.True(again.IsCompleted);
        await Assert.ThrowsAsync<SqliteException>(() => again);
    }

    private static async Task<object?> BusyTimeoutAsync(System.Data.Common.DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout";
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
