namespace SuperConvergence.Silo.Tests.Hosting.Grains;

/// <summary>A grain with persistent state in the silo's "sc" storage: the smallest thing that proves the storage works.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task<CounterSnapshot> Read();

    Task Add(int amount);

    Task Clear();

    Task Deactivate();
}

/// <summary>What the grain's current activation holds, with the storage bookkeeping tests check.</summary>
[GenerateSerializer]
public sealed record CounterSnapshot(
    [property: Id(0)] int Value,
    [property: Id(1)] string? ETag,
    [property: Id(2)] bool RecordExists,
    [property: Id(3)] Guid ActivationId);
