using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace SuperConvergence.Grains.Tests.Doubles;

/// <summary>
/// Grain state that outlives any silo of an in-process cluster, as a database does: one store shared by every silo,
/// each state kept as the bytes of Orleans' serializer (as in the real silos, not JSON) under an etag. Orleans'
/// memory storage keeps state in grains that may live on the silo a test kills.
/// </summary>
public sealed class SharedGrainStorage(SharedGrainStorage.Store store, Serializer serializer) : IGrainStorage
{
    /// <summary>The states themselves; one instance per test cluster.</summary>
    public sealed class Store
    {
        internal ConcurrentDictionary<(string State, GrainId Grain), (string ETag, byte[] Bytes)> States { get; } = new();
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (store.States.TryGetValue((stateName, grainId), out var saved))
        {
            grainState.State = serializer.Deserialize<T>(saved.Bytes);
            grainState.ETag = saved.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var etag = Guid.NewGuid().ToString("N");
        var bytes = serializer.SerializeToArray(grainState.State);
        store.States.AddOrUpdate(
            key,
            _ => grainState.ETag is null ? (etag, bytes) : throw Conflict(grainState.ETag, null),
            (_, saved) => saved.ETag == grainState.ETag ? (etag, bytes) : throw Conflict(grainState.ETag, saved.ETag));
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        store.States.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    // Two activations of one grain writing at once: the test cluster must fail as a database would.
    private static InconsistentStateException Conflict(string? given, string? stored) =>
        new($"etag {given ?? "(none)"} does not match the stored {stored ?? "(none)"}", stored ?? "", given ?? "");
}
