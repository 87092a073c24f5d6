using System.Text.Json;
using Orleans.Storage;
using SuperConvergence.Silo.Tests.Support;

namespace SuperConvergence.Silo.Tests.Persistence.StoredState;

/// <summary>
/// Where the fixtures live, and the grain ids and typed storage calls the samples are written and read with: a string
/// key for sweeps and trials, the integer 0 for the single catalog and queue, as the grains are keyed.
/// </summary>
internal static class StoredStateRows
{
    public static string FixtureDirectory { get; } =
        Path.Combine(RepositoryPaths.Root, "tests", "SuperConvergence.Silo.Tests", "Persistence", "StoredState", "Fixtures", "state-v1");

    /// <summary>The database file an embedded silo wrote the samples to (its grain storage, as <c>VACUUM INTO</c> copied it).</summary>
    public static string SqliteDatabase => Path.Combine(FixtureDirectory, "superconvergence.db");

    /// <summary>The rows of orleans_grain_state a silo on PostgreSQL wrote the samples to, every column but modified_at.</summary>
    public static string PostgresRows => Path.Combine(FixtureDirectory, "postgres-grain-state.json");

    public static GrainId GrainIdOf(string stateName, string? key) =>
        key is null
            ? GrainId.Create(GrainType.Create(stateName), GrainIdKeyExtensions.CreateIntegerKey(0))
            : GrainId.Create(stateName, key);

    public static Task WriteAsync(IGrainStorage storage, string stateName, string? key, object state) =>
        (Task)typeof(StoredStateRows).GetMethod(nameof(WriteTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(state.GetType())
            .Invoke(null, [storage, stateName, GrainIdOf(stateName, key), state])!;

    public static async Task<object?> ReadAsync(IGrainStorage storage, string stateName, string? key, Type stateType)
    {
        var task = (Task)typeof(StoredStateRows).GetMethod(nameof(ReadTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(stateType)
            .Invoke(null, [storage, stateName, GrainIdOf(stateName, key)])!;
        await task;
        return task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task);
    }

    public static JsonSerializerOptions Json { get; } = new() { WriteIndented = true };

    private static Task WriteTyped<T>(IGrainStorage storage, string stateName, GrainId grainId, T state) =>
        storage.WriteStateAsync(stateName, grainId, new GrainState<T>(state));

    private static async Task<object?> ReadTyped<T>(IGrainStorage storage, string stateName, GrainId grainId)
    {
        var read = new GrainState<T>();
        await storage.ReadStateAsync(stateName, grainId, read);
        Assert.True(read.RecordExists, $"no {stateName} row for {grainId}");
        return read.State;
    }
}

/// <summary>One row of orleans_grain_state as PostgreSQL holds it.</summary>
internal sealed record PostgresGrainStateRow(
    int GrainTypeHash,
    int GrainKeyHash,
    string ServiceId,
    string GrainType,
    long GrainKeyN0,
    long GrainKeyN1,
    string GrainKeyExt,
    byte[]? Payload,
    int Version);
