using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SuperConvergence.Core.Persistence;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Silo.Tests.Hosting.Grains;
using SuperConvergence.Silo.Tests.Support;

namespace SuperConvergence.Silo.Tests.Hosting;

/// <summary>
/// Orleans' own ADO.NET grain storage running our SQL, in a real silo: what a persistent grain relies on.
/// One subclass per database.
/// </summary>
public abstract class GrainStorageContract
{
    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>The running silo every test of the class shares, and the database behind it.</summary>
    protected abstract Task<(TestSilo Silo, TestDatabase Database)> SharedSiloAsync();

    /// <summary>Options for a silo on a database of its own, to be started, stopped and started again.</summary>
    protected abstract Task<Action<SuperConvergenceStorageOptions>> FreshStorageAsync();

    [Fact]
    public async Task A_grain_writes_reads_and_clears_its_state()
    {
        var (silo, database) = await SharedSiloAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>(NewKey());

        await grain.Add(3);
        await grain.Add(2);
        var written = await grain.Read();
        await grain.Clear();
        var cleared = await grain.Read();

        Assert.Equal((5, "2", true), (written.Value, written.ETag, written.RecordExists));
        Assert.Equal((0, "3", false), (cleared.Value, cleared.ETag, cleared.RecordExists));
        var row = Assert.Single(await database.QueryAsync(
            $"SELECT payload IS NULL, version FROM orleans_grain_state WHERE grain_key_ext = '{KeyOf(grain)}'", Cancellation));
        Assert.Equal(3L, Convert.ToInt64(row[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Convert.ToBoolean(row[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_new_activation_reloads_the_state_the_last_one_wrote()
    {
        var (silo, _) = await SharedSiloAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>(NewKey());
        await grain.Add(7);
        var before = await grain.Read();

        await grain.Deactivate();
        var after = await grain.Read();

        Assert.NotEqual(before.ActivationId, after.ActivationId);
        Assert.Equal((7, before.ETag, true), (after.Value, after.ETag, after.RecordExists));
    }

    [Fact]
    public async Task A_grain_writing_over_a_change_it_has_not_seen_gets_InconsistentStateException()
    {
        var (silo, database) = await SharedSiloAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>(NewKey());
        await grain.Add(1);

        // Another writer (a second activation after a split brain, say) moved the stored version on.
        Assert.Equal(1, await database.ExecuteAsync(
            $"UPDATE orleans_grain_state SET version = version + 1 WHERE grain_key_ext = '{KeyOf(grain)}'", Cancellation));

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Add(1));
    }

    [Fact]
    public async Task The_storage_provider_checks_ETags_on_every_write_and_clear()
    {
        var (silo, _) = await SharedSiloAsync();
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var grainId = GrainId.Create(CounterGrain.TypeName, NewKey());

        var first = new GrainState<CounterState>(new CounterState { Value = 1 });
        await storage.WriteStateAsync(CounterGrain.TypeName, grainId, first);
        Assert.Equal(("1", true), (first.ETag, first.RecordExists));

        // A second creator, with no ETag, loses to the row that exists.
        var rival = new GrainState<CounterState>(new CounterState { Value = 9 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(CounterGrain.TypeName, grainId, rival));

        var current = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync(CounterGrain.TypeName, grainId, current);
        Assert.Equal((1, "1", true), (Assert.IsType<CounterState>(current.State).Value, current.ETag, current.RecordExists));

        current.State.Value = 2;
        await storage.WriteStateAsync(CounterGrain.TypeName, grainId, current);
        Assert.Equal("2", current.ETag);

        // "first" still holds ETag 1: both its write and its clear are stale now.
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(CounterGrain.TypeName, grainId, first));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(CounterGrain.TypeName, grainId, first));

        await storage.ClearStateAsync(CounterGrain.TypeName, grainId, current);
        Assert.Equal(("3", false), (current.ETag, current.RecordExists));

        var afterClear = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync(CounterGrain.TypeName, grainId, afterClear);
        Assert.Equal((0, "3", false), (Assert.IsType<CounterState>(afterClear.State).Value, afterClear.ETag, afterClear.RecordExists));

        afterClear.State.Value = 4;
        await storage.WriteStateAsync(CounterGrain.TypeName, grainId, afterClear);
        Assert.Equal(("4", true), (afterClear.ETag, afterClear.RecordExists));
    }

    [Fact]
    public async Task Grains_with_every_kind_of_key_keep_their_own_state()
    {
        var (silo, _) = await SharedSiloAsync();
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var guid = Guid.NewGuid();
        var number = Random.Shared.NextInt64();
        var type = GrainType.Create("sctest-keys");
        GrainId[] ids =
        [
            GrainId.Create(type, NewKey()),
            GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(number)),
            GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(number, "ext")),
            GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(guid)),
            GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(guid, "ext")),
            GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(guid, "other")),
        ];

        for (var i = 0; i < ids.Length; i++)
        {
            await storage.WriteStateAsync("sctest-keys", ids[i], new GrainState<CounterState>(new CounterState { Value = 100 + i }));
        }

        for (var i = 0; i < ids.Length; i++)
        {
            var read = new GrainState<CounterState>(new CounterState());
            await storage.ReadStateAsync("sctest-keys", ids[i], read);
            Assert.Equal(100 + i, Assert.IsType<CounterState>(read.State).Value);
        }
    }

    [Fact]
    public async Task The_silo_registers_a_working_checkpoint_store()
    {
        var (silo, _) = await SharedSiloAsync();
        var store = silo.Services.GetRequiredService<ICheckpointStore>();

        var reference = await store.SaveAsync(NewKey(), 1, [1, 2, 3], Cancellation);

        Assert.Equal(new byte[] { 1, 2, 3 }, await store.LoadAsync(reference, Cancellation));
    }

    [Fact]
    public async Task State_outlives_the_silo_that_wrote_it()
    {
        var storage = await FreshStorageAsync();
        var key = NewKey();
        await using (var first = await TestSilo.StartAsync(storage, Cancellation))
        {
            await first.Grains.GetGrain<ICounterGrain>(key).Add(11);
        }

        await using var second = await TestSilo.StartAsync(storage, Cancellation);
        var read = await second.Grains.GetGrain<ICounterGrain>(key).Read();

        Assert.Equal((11, "1", true), (read.Value, read.ETag, read.RecordExists));
    }

    protected static string NewKey() => $"counter-{Guid.NewGuid():N}";

    private static string KeyOf(ICounterGrain grain) => grain.GetPrimaryKeyString();
}
