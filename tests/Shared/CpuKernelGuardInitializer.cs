using System.Runtime.CompilerServices;
using SuperConvergence.Training.Runtime;

namespace SuperConvergence.Tests.Shared;

/// <summary>
/// Caps oneDNN before the first tensor of a test host: a test that builds a TorchSharp module of its own can reach
/// libtorch before anything loads the Training assembly (whose own initializer would otherwise do this), and oneDNN
/// reads its ISA limit only once. Linked into every test project that trains.
/// </summary>
internal static class CpuKernelGuardInitializer
{
    [ModuleInitializer]
    internal static void Apply() => CpuKernelGuard.Apply();
}
