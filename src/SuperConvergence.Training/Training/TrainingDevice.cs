using System.Diagnostics.CodeAnalysis;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Training;

/// <summary>`--device cpu|cuda|auto`: auto takes CUDA when libtorch sees a GPU, else the CPU.</summary>
public static class TrainingDevice
{
    public static IReadOnlyList<string> Names { get; } = ["cpu", "cuda", "auto"];

    public static Device Resolve(string name) =>
        TryResolve(name, out var device, out var problem) ? device : throw new ArgumentException($"device '{name}' {problem}", nameof(name));

    /// <param name="problem">Why <paramref name="name"/> cannot be used, phrased to follow the quoted name.</param>
    public static bool TryResolve(string name, [NotNullWhen(true)] out Device? device, out string problem)
    {
        problem = "";
        device = name.ToLowerInvariant() switch
        {
            "cpu" => CPU,
            "cuda" or "auto" when cuda.is_available() => CUDA,
            "auto" => CPU,
            _ => null,
        };
        if (device is null)
        {
            problem = Names.Contains(name.ToLowerInvariant())
                ? "asks for a GPU but libtorch sees no CUDA device (this build uses the CPU backend unless built with -p:TorchBackend=cuda)"
                : $"is not a device; choose {string.Join(", ", Names)}";
        }

        return device is not null;
    }
}
