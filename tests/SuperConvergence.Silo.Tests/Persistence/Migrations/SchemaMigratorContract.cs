using System.Reflection;
using System.Text.RegularExpressions;
using Orleans.Runtime.MembershipService;
using Orleans.Storage;
using SuperConvergence.Silo.Persistence;
using SuperConvergence.Silo.Persistence.Migrations;
using SuperConvergence.Silo.Tests.Support;

namespace SuperConvergence.Silo.Tests.Persistence.Migrations;

/// <summary>What the migrator guarantees on every dialect; one subclass per database.</summary>
public abstract class SchemaMigratorContract
{
    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    protected abstract Task<TestDatabase> CreateEmptyDatabaseAsync();

    /// <summary>Runs one script file the way docs/persistence.md tells a person to.</summary>
    protected abstract Task ApplyByHandAsync(TestDatabase database, string scriptPath);

    [Fact]
    public async Task An_empty_database_gets_every_script_in_version_order()
    {
        var database = await CreateEmptyDatabaseAsync();
        var migrator = new SchemaMigrator(database.Provider, database.ConnectionString);

        var report = await migrator.MigrateAsync(Cancellation);

        Assert.Equal(migrator.Scripts.Select(s => s.Version), report.Applied.Select(s => s.Version));
        Assert.Equal(migrator.Scripts.Max(s => s.Version), report.SchemaVersion);
        var recorded = await database.QueryAsync("SELECT version, name FROM sc_schema_version ORDER BY version", Cancellation);
        Assert.Equal(
            migrator.Scripts.Select(s => $"{s.Version} {s.Name}"),
            recorded.Select(row => $"{row[0]} {row[1]}"));
    }

    [Fact]
    public async Task Migrating_a_current_database_changes_nothing()
    {
        var database = await CreateEmptyDatabaseAsync();
        var migrator = new SchemaMigrator(database.Provider, database.ConnectionString);
        var first = await migrator.MigrateAsync(Cancellation);
        var queriesBefore = await ReadQueriesAsync(database);
        var versionsBefore = await database.QueryAsync("SELECT version, name, applied_at FROM sc_schema_version ORDER BY version", Cancellation);

        var second = await migrator.MigrateAsync(Cancellation);

        Assert.True(second.WasCurrent);
        Assert.Equal(first.SchemaVersion, second.SchemaVersion);
        Assert.Equal(queriesBefore, await ReadQueriesAsync(database));
        var versionsAfter = await database.QueryAsync("SELECT version, name, applied_at FROM sc_schema_version ORDER BY version", Cancellation);
        Assert.Equal(versionsBefore.Select(r => string.Join('|', r)), versionsAfter.Select(r => string.Join('|', r)));
    }

    [Fact]
    public async Task Migrators_racing_on_one_database_apply_each_script_exactly_once()
    {
        var database = await CreateEmptyDatabaseAsync();
        var scripts = SchemaScripts.For(database.Provider);
        using var start = new ManualResetEventSlim();

        var racers = Enumerable.Range(0, 6)
            .Select(_ => Task.Run(
                async () =>
                {
                    start.Wait(Cancellation);
                    return await new SchemaMigrator(database.Provider, database.ConnectionString).MigrateAsync(Cancellation);
                },
                Cancellation))
            .ToList();
        start.Set();
        var reports = await Task.WhenAll(racers);

        Assert.Equal(scripts.Count, reports.Sum(r => r.Applied.Count));
        Assert.Single(reports, r => !r.WasCurrent);
        Assert.All(reports, r => Assert.Equal(scripts.Max(s => s.Version), r.SchemaVersion));
        var recorded = await database.QueryAsync("SELECT version FROM sc_schema_version", Cancellation);
        Assert.Equal(scripts.Count, recorded.Count);
    }

    [Fact]
    public async Task The_query_catalogue_holds_every_query_the_installed_Orleans_providers_read()
    {
        var database = await CreateEmptyDatabaseAsync();
        await new SchemaMigrator(database.Provider, database.ConnectionString).MigrateAsync(Cancellation);

        var keys = (await ReadQueriesAsync(database)).Keys.ToHashSet();

        Assert.Superset(GrainStorageQueryKeys(), keys);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            Assert.Superset(ClusteringQueryKeys(), keys);
        }
    }

    [Fact]
    public async Task Scripts_run_by_hand_count_as_applied_and_the_migrator_adds_only_the_rest()
    {
        var database = await CreateEmptyDatabaseAsync();
        var scripts = SchemaScripts.For(database.Provider);
        var folder = RepositoryPaths.SqlFolder(SchemaScripts.FolderName(database.Provider));
        await ApplyByHandAsync(database, Path.Combine(folder, scripts[0].FileName));

        var report = await new SchemaMigrator(database.Provider, database.ConnectionString).MigrateAsync(Cancellation);
        Assert.Equal(scripts.Skip(1).Select(s => s.Version), report.Applied.Select(s => s.Version));

        foreach (var script in scripts)
        {
            await ApplyByHandAsync(database, Path.Combine(folder, script.FileName));
        }

        Assert.True((await new SchemaMigrator(database.Provider, database.ConnectionString).MigrateAsync(Cancellation)).WasCurrent);
    }

    private static async Task<Dictionary<string, string>> ReadQueriesAsync(TestDatabase database) =>
        (await database.QueryAsync("SELECT QueryKey, QueryText FROM OrleansQuery", Cancellation))
            .ToDictionary(row => (string)row[0], row => (string)row[1]);

    /// <summary>The keys the grain storage provider loads at start, read from the provider itself.</summary>
    private static HashSet<string> GrainStorageQueryKeys()
    {
        var keys = Regex.Matches(AdoNetGrainStorage.DefaultInitializationQuery, @"'(\w+Key)'").Select(m => m.Groups[1].Value).ToHashSet();
        // Only needed with DeleteStateOnClear, which the silo does not turn on.
        keys.Remove("DeleteStorageKey");
        Assert.Contains("WriteToStorageKey", keys);
        return keys;
    }

    /// <summary>The keys the clustering provider insists on: the properties of its internal query table.</summary>
    private static HashSet<string> ClusteringQueryKeys()
    {
        var type = typeof(AdoNetClusteringTable).Assembly.GetType("Orleans.Clustering.AdoNet.Storage.DbStoredQueries", throwOnError: true)!;
        var keys = type.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic).Select(p => p.Name).ToHashSet();
        Assert.Contains("MembershipReadAllKey", keys);
        return keys;
    }
}
