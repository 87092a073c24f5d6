using static TorchSharp.torch;

namespace SuperConvergence.Training.Training;

/// <summary>`--device cpu|cuda|auto`: auto takes CUDA when libtorch sees a GPU, else the CPU.</summary>
public static class TrainingDevice
{
    public static IReadOnlyList<string> Names { get; } = ["cpu", "cuda", "auto"];

    public static Device Resolve(string name) => name.ToLowerInvariant() switch
    {
        "cpu" => CPU,
        "cuda" when cuda.is_available() => CUDA,
        "cuda" => throw new ArgumentException("device 'cuda' requested but libtorch sees no CUDA device (this build uses the CPU backend unless built with -p:TorchBackend=cuda)", nameof(name)),
        "auto" => cuda.is_available() ? CUDA : CPU,
        _ => throw new ArgumentException($"unknown device '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
    };
}
