namespace SuperConvergence.Training.Runtime;

/// <summary>One GPU's memory as its driver reports it: what the workers dashboard plots beside throughput.</summary>
/// <param name="Index">The device's index as the driver numbers it (CUDA's order on a single-GPU pod).</param>
public readonly record struct GpuMemory(int Index, string Name, ulong TotalBytes, ulong UsedBytes);
