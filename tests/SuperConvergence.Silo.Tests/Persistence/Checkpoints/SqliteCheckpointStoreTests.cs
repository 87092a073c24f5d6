using SuperConvergence.Core.Persistence;
using SuperConvergence.Silo.Persistence.Checkpoints;
using SuperConvergence.Silo.Persistence.Migrations;
using SuperConvergence.Silo.Tests.Support;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Silo.Tests.Persistence.Checkpoints;

public sealed class SqliteCheckpointStoreTests : CheckpointStoreContract, IDisposable
{
    private readonly TemporaryDirectory _directory = new("sc-checkpoints");

    protected override string ForeignReference => "dir:3:trial-a";

    public void Dispose() => _directory.Dispose();

    protected override async Task<ICheckpointStore> CreateStoreAsync()
    {
        var database = TestDatabase.CreateSqlite(_directory.Path);
        await new SchemaMigrator(database.Provider, database.ConnectionString).MigrateAsync(Cancellation);
        return new SqliteCheckpointStore(database.ConnectionString);
    }
}
