using SuperConvergence.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Silo.Persistence;
using SuperConvergence.Silo.Persistence.Checkpoints;
using SuperConvergence.Silo.Persistence.Migrations;
using SuperConvergence.Silo.Tests.Hosting.Grains;
using SuperConvergence.Silo.Tests.Support;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Silo.Tests.Hosting;

/// <summary>The embedded mode: localhost clustering, grain state in a SQLite file, checkpoints on local disk.</summary>
public sealed class SqliteEmbeddedSiloTests(SqliteEmbeddedSiloTests.Fixture fixture)
    : GrainStorageContract, IClassFixture<SqliteEmbeddedSiloTests.Fixture>, IDisposable
{
    private readonly TemporaryDirectory _scratch = new("sc-embedded");

    public void Dispose() => _scratch.Dispose();

    protected override Task<(TestSilo Silo, TestDatabase Database)> SharedSiloAsync() =>
        Task.FromResult((fixture.Silo, fixture.Database));

    protected override Task<Action<SuperConvergenceStorageOptions>> FreshStorageAsync()
    {
        var dataDirectory = _scratch.Path;
        return Task.FromResult<Action<SuperConvergenceStorageOptions>>(o => o.DataDirectory = dataDirectory);
    }

    [Fact]
    public void Everything_lives_under_the_data_directory_by_default()
    {
        var store = Assert.IsType<DirectoryCheckpointStore>(fixture.Silo.Services.GetRequiredService<ICheckpointStore>());

        Assert.Equal(Path.Combine(fixture.DataDirectory.Path, "checkpoints"), store.RootDirectory);
        Assert.True(File.Exists(Path.Combine(fixture.DataDirectory.Path, SuperConvergenceStorageOptions.DatabaseFileName)));
    }

    [Fact]
    public async Task With_migration_at_start_turned_off_the_silo_refuses_an_unmigrated_database_and_runs_on_a_migrated_one()
    {
        var unmigrated = Path.Combine(_scratch.Path, "unmigrated");
        var migrated = Path.Combine(_scratch.Path, "migrated");
        await new SchemaMigrator(
            DatabaseProvider.Sqlite,
            ConnectionStrings.ForSqliteFile(Path.Combine(migrated, SuperConvergenceStorageOptions.DatabaseFileName))).MigrateAsync(Cancellation);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => TestSilo.StartAsync(
            o => { o.DataDirectory = unmigrated; o.MigrateOnStart = false; }, Cancellation));
        Assert.Contains("lacks schema version(s) 0002_orleans_grain_storage.sql, 0003_sc_checkpoints.sql: run `sc db migrate`", refused.ToString(), StringComparison.Ordinal);
        await using var silo = await TestSilo.StartAsync(o => { o.DataDirectory = migrated; o.MigrateOnStart = false; }, Cancellation);
        await silo.Grains.GetGrain<ICounterGrain>(NewKey()).Add(1);
    }

    public sealed class Fixture : IAsyncLifetime
    {
        public TemporaryDirectory DataDirectory { get; } = new("sc-embedded-data");

        public TestSilo Silo { get; private set; } = null!;

        public TestDatabase Database => new(
            DatabaseProvider.Sqlite,
            ConnectionStrings.ForSqliteFile(Path.Combine(DataDirectory.Path, SuperConvergenceStorageOptions.DatabaseFileName)));

        public async ValueTask InitializeAsync() =>
            Silo = await TestSilo.StartAsync(o => o.DataDirectory = DataDirectory.Path, CancellationToken.None);

        public async ValueTask DisposeAsync()
        {
            await Silo.DisposeAsync();
            DataDirectory.Dispose();
        }
    }
}
