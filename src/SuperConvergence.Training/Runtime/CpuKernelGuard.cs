using System.Runtime.CompilerServices;

namespace SuperConvergence.Training.Runtime;

/// <summary>
/// Keeps libtorch's oneDNN on AVX2 kernels. TorchSharp-cpu 0.107.0's oneDNN computes convolutions whose channel counts
/// do not fill its channel blocks wrongly (NaN or wrong values; Models/Convolution2d.cs, which routes the built-in
/// models' narrow layers around it). Under AVX-512 the blocks are 16 channels, under AVX2 8, so the cap keeps channel
/// counts that are multiples of 8 but not 16 correct in any model (measured 2026-12-05 on an AMD EPYC with AVX-512:
/// 8→8 and 24→24 layers gave NaN under AVX-512, none under AVX2). oneDNN reads DNNL_MAX_CPU_ISA once, from the native
/// environment, the first time it dispatches — and .NET's Environment.SetEnvironmentVariable does not reach the
/// native environment on Unix — so <see cref="Apply"/> sets it with libc's setenv, before any tensor exists. A value
/// the user set is left alone. It runs as this assembly's module initializer — every host that trains through this
/// library (sc, silos, test hosts) gets it before its first tensor — and `sc` calls it again first thing, which is
/// harmless.
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
