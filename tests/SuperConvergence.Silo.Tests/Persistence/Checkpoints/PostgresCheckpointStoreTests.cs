using SuperConvergence.Core.Persistence;
using SuperConvergence.Silo.Persistence.Checkpoints;
using SuperConvergence.Silo.Persistence.Migrations;
using SuperConvergence.Silo.Tests.Support;

namespace SuperConvergence.Silo.Tests.Persistence.Checkpoints;

public sealed class PostgresCheckpointStoreTests : CheckpointStoreContract, IAsyncDisposable
{
    private readonly List<PostgresCheckpointStore> _stores = [];

    protected override string ForeignReference => "sqlite:3:trial-a";

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    protected override async Task<ICheckpointStore> CreateStoreAsync()
    {
        var database = await TestDatabase.CreatePostgresAsync("sc_checkpoints", Cancellation);
        await new SchemaMigrator(database.Provider, database.ConnectionString).MigrateAsync(Cancellation);
        var store = new PostgresCheckpointStore(database.ConnectionString);
        _stores.Add(store);
        return store;
    }
}
