using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using SuperConvergence.Core.Persistence;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Silo.Persistence;
using SuperConvergence.Silo.Tests.Hosting;
using SuperConvergence.Silo.Tests.Support;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Servers;

namespace SuperConvergence.Silo.Tests.Persistence.StoredState;

/// <summary>
/// Grain state stored by an earlier version (the committed Fixtures/state-v1, see <see cref="StoredStateFixtureGenerator"/>)
/// loads into today's state types with every field intact, from both stores.
/// </summary>
public sealed class StoredStateFixtureTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<int> Samples => [.. Enumerable.Range(0, StoredStateSamples.All.Count)];

    [Fact]
    public void Every_sample_is_in_the_fixtures()
    {
        var rows = PostgresRows();

        Assert.Equal(StoredStateSamples.All.Count, rows.Count);
        Assert.True(File.Exists(StoredStateRows.SqliteDatabase));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void State_stored_in_an_embedded_database_loads(int sample)
    {
        using var data = new TemporaryDirectory("sc-state-v1");
        File.Copy(StoredStateRows.SqliteDatabase, Path.Combine(data.Path, SuperConvergenceStorageOptions.DatabaseFileName));
        var (stateName, key, expected) = StoredStateSamples.All[sample];
        using var store = EmbeddedGrainStore.TryOpen(data.Path);
        Assert.NotNull(store);

        var read = typeof(EmbeddedGrainStore).GetMethods()
            .Single(m => m.Name == nameof(EmbeddedGrainStore.Read) && m.GetParameters()[1].ParameterType == (key is null ? typeof(long) : typeof(string)))
            .MakeGenericMethod(expected.GetType())
            .Invoke(store, [stateName, key is null ? 0L : key]);

        StoredStateAssertions.Equal(expected, read);
    }

    [Fact]
    public async Task State_stored_in_PostgreSQL_loads()
    {
        TestPostgres.RequireServer();
        var database = await TestDatabase.CreatePostgresAsync("sc_state_v1", Cancellation);
        await using var silo = await TestSilo.StartAsync(o => { o.Provider = DatabaseProvider.Postgres; o.ConnectionString = database.ConnectionString; }, Cancellation);
        await InsertAsync(database, PostgresRows());
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

        foreach (var (stateName, key, expected) in StoredStateSamples.All)
        {
            StoredStateAssertions.Equal(expected, await StoredStateRows.ReadAsync(storage, stateName, key, expected.GetType()));
        }
    }

    private static List<PostgresGrainStateRow> PostgresRows() =>
        JsonSerializer.Deserialize<List<PostgresGrainStateRow>>(File.ReadAllText(StoredStateRows.PostgresRows), StoredStateRows.Json)!;

    private static async Task InsertAsync(TestDatabase database, IEnumerable<PostgresGrainStateRow> rows)
    {
        await using var connection = (NpgsqlConnection)await database.OpenAsync(Cancellation);
        foreach (var row in rows)
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO orleans_grain_state
                    (grain_type_hash, grain_key_hash, service_id, grain_type, grain_key_n0, grain_key_n1, grain_key_ext, payload, version)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                """,
                connection);
            foreach (var value in new object?[] { row.GrainTypeHash, row.GrainKeyHash, row.ServiceId, row.GrainType, row.GrainKeyN0, row.GrainKeyN1, row.GrainKeyExt, row.Payload, row.Version })
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            }

            await insert.ExecuteNonQueryAsync(Cancellation);
        }
    }
}
