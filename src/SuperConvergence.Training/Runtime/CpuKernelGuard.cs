using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SuperConvergence.Training.Runtime;

/// <summary>
/// Keeps libtorch's oneDNN off the AVX-512 kernels that compute NaN. On an AMD EPYC with AVX-512 (measured
/// 2026-12-05, flags up to avx512_vp2intersect), TorchSharp-cpu 0.107.0's oneDNN turns the loss of resnet-small at width
/// 0.25 or 0.5 (convolutions of 4 and 8 channels) into NaN in its second or third step at any LR, even 1e-6, and
/// `sc train` reported "diverged"; width 1 trains. With oneDNN capped at AVX2 the same runs train. oneDNN reads
/// DNNL_MAX_CPU_ISA once, from the native environment, the first time it dispatches — and .NET's
/// Environment.SetEnvironmentVariable does not reach the native environment on Unix — so <see cref="Apply"/> sets it
/// with libc's setenv, before any tensor exists. A value the user set is left alone. It runs as this assembly's module
/// initializer — every host that trains through this library (sc, silos, test hosts) gets it before its first tensor —
/// and `sc` calls it again first thing, which is harmless.
/// </summary>
public static class CpuKernelGuard
{
    public const string Variable = "DNNL_MAX_CPU_ISA";
    public const string Cap = "AVX2";

#pragma warning disable CA2255 // A library module initializer on purpose: no host should reach libtorch without it.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void OnLoad() => Apply();

    /// <summary>Caps oneDNN at AVX2 on x86-64 Linux unless DNNL_MAX_CPU_ISA is already set; call before the first tensor.</summary>
    public static void Apply()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            return;
        }

        // overwrite = 0: a value set between the check and here (or by the user) wins.
        _ = SetEnvironment(Variable, Cap, 0);
        Environment.SetEnvironmentVariable(Variable, Cap);
    }

    [DllImport("libc.so.6", EntryPoint = "setenv")]
    private static extern int SetEnvironment([MarshalAs(UnmanagedType.LPStr)] string name, [MarshalAs(UnmanagedType.LPStr)] string value, int overwrite);
}
