namespace SuperConvergence.Training.Runtime;

/// <summary>The reader of a machine whose backend reports no GPU: no devices, so no series.</summary>
public sealed class NoGpuMemory : IGpuMemoryReader
{
    public static NoGpuMemory Instance { get; } = new();

    public IReadOnlyList<GpuMemory> Read() => [];
}
