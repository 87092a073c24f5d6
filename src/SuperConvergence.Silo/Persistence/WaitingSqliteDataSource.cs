using System.Data.Common;

namespace SuperConvergence.Silo.Persistence;

/// <summary>
/// Connections to one SQLite file that take turns in this process and wait for other processes inside SQLite.
/// SQLite lets one writer in at a time, and a connection that finds the file locked sleeps in SQLite's busy handler
/// (1, 2, 5, 10 … ms, polling) on the thread that called it; every commit also syncs to disk on that thread. Grain
/// writes from many trials at once then held several thread-pool threads asleep or in fsync — on two cores, the
/// threads that wake training loops and answer grain calls — and each epoch of every trial ended late (result
/// throughput benchmark, docs/benchmarks.md). Here a connection is opened only when no other connection of this data
/// source is open, awaiting its turn without a thread, so at most one thread waits on the file. The busy timeout
/// stays for what shares the file from outside: a command reading the store (read-only, in WAL mode never blocking
/// the writer) or a second process. One data source per file: the silo shares one between grain storage and
/// checkpoints (<see cref="Hosting.StorageSettings"/>). A connection must be closed before the same caller opens
/// another from the same data source.
/// </summary>
internal sealed class WaitingSqliteDataSource(string connectionString) : DbDataSource
{
    private const int BusyTimeoutMilliseconds = 30_000;

    private readonly SemaphoreSlim _turn = new(1, 1);

    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => new TurnTakingConnection(connectionString, _turn);

    protected override DbConnection OpenDbConnection()
    {
        var connection = CreateDbConnection();
        try
        {
            connection.Open();
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
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _turn.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A connection that holds its data source's turn from open to close, with SQLite's busy timeout set.</summary>
    private sealed class TurnTakingConnection(string connectionString, SemaphoreSlim turn) : SqliteConnection(connectionString)
    {
        private bool _holdsTurn;

        public override void Open()
        {
            turn.Wait();
            OpenHoldingTurn();
        }

        public override async Task OpenAsync(CancellationToken cancellationToken)
        {
            await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            OpenHoldingTurn();
        }

        public override void Close()
        {
            try
            {
                base.Close();
            }
            finally
            {
                ReleaseTurn();
            }
        }

        private void OpenHoldingTurn()
        {
            _holdsTurn = true;
            try
            {
                base.Open();
                using var command = CreateCommand();
                command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}";
                command.ExecuteNonQuery();
            }
            catch
            {
                base.Close();
                ReleaseTurn();
                throw;
            }
        }

        private void ReleaseTurn()
        {
            if (_holdsTurn)
            {
                _holdsTurn = false;
                turn.Release();
            }
        }
    }
}
