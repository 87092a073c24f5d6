using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SuperConvergence.Core.Persistence;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Silo.Persistence;
using SuperConvergence.Silo.Tests.Hosting;
using SuperConvergence.Silo.Tests.Support;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Silo.Tests.Persistence.StoredState;

/// <summary>
/// Writes Fixtures/state-v1 (run only when SC_WRITE_STATE_FIXTURES=1): the samples stored by a real silo's grain
/// storage, once on SQLite (the database file, copied with VACUUM INTO) and once on ./test.sh's PostgreSQL (its rows,
/// dumped as JSON). The committed files were written by the version before the trial records carried their own
/// serializer attributes; never regenerate them to make a failing fixture test pass: that test is the proof that state
/// stored by earlier versions still loads.
/// </summary>
public sealed class StoredStateFixtureGenerator
{
    private const string Switch = "SC_WRITE_STATE_FIXTURES";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Writes_the_stored_state_fixtures()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable(Switch) == "1", $"writes fixtures only with {Switch}=1");
        Directory.CreateDirectory(StoredStateRows.FixtureDirectory);

        using var data = new TemporaryDirectory("sc-state-fixture");
        await using (var silo = await TestSilo.StartAsync(o => o.DataDirectory = data.Path, Cancellation))
        {
            await WriteSamplesAsync(silo);
        }

        SqliteConnection.ClearAllPools();
        File.Delete(StoredStateRows.SqliteDatabase);
        await using (var connection = new SqliteConnection(ConnectionStrings.ForSqliteFile(Path.Combine(data.Path, SuperConvergenceStorageOptions.DatabaseFileName))))
        {
            await connection.OpenAsync(Cancellation);
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $file";
            vacuum.Parameters.AddWithValue("$file", StoredStateRows.SqliteDatabase);
            await vacuum.ExecuteNonQueryAsync(Cancellation);
        }

        var database = await TestDatabase.CreatePostgresAsync("sc_state_fixture", Cancellation);
        await using (var silo = await TestSilo.StartAsync(o => { o.Provider = DatabaseProvider.Postgres; o.ConnectionString = database.ConnectionString; }, Cancellation))
        {
            await WriteSamplesAsync(silo);
        }

        var rows = await database.QueryAsync(
            """
            SELECT grain_type_hash, grain_key_hash, service_id, grain_type, grain_key_n0, grain_key_n1, grain_key_ext, payload, version
            FROM orleans_grain_state ORDER BY grain_type, grain_key_ext, grain_key_n1
            """,
            Cancellation);
        var dump = rows.Select(r => new PostgresGrainStateRow(
            (int)r[0], (int)r[1], (string)r[2], (string)r[3], (long)r[4], (long)r[5], (string)r[6], r[7] as byte[], (int)r[8]));
        await File.WriteAllTextAsync(StoredStateRows.PostgresRows, JsonSerializer.Serialize(dump, StoredStateRows.Json) + "\n", Cancellation);
    }

    private static async Task WriteSamplesAsync(TestSilo silo)
    {
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        foreach (var (stateName, key, state) in StoredStateSamples.All)
        {
            await StoredStateRows.WriteAsync(storage, stateName, key, state);
        }
    }
}
