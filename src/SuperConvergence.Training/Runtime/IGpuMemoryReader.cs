namespace SuperConvergence.Training.Runtime;

/// <summary>Reads the memory of the machine's GPUs; an empty list where the backend reports none (CPU workers).</summary>
public interface IGpuMemoryReader
{
    IReadOnlyList<GpuMemory> Read();
}
