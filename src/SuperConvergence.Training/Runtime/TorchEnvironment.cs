using System.Reflection;

namespace SuperConvergence.Training.Runtime;

/// <summary>What `sc doctor` reports about libtorch on this host.</summary>
public sealed record TorchEnvironmentReport(
    string TorchSharpVersion,
    string? LibTorchVersion,
    bool Loaded,
    string? LoadError,
    string Device,
    string? DeviceName,
    int CpuThreads);

/// <summary>Probes whether TorchSharp's native library loads and which device training would use.</summary>
public static class TorchEnvironment
{
    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(torch).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public static TorchEnvironmentReport Probe()
    {
        try
        {
            var libtorch = torch.__version__;
            var cuda = torch.cuda.is_available();
            return new TorchEnvironmentReport(
                TorchSharpVersion,
                libtorch,
                Loaded: true,
                LoadError: null,
                Device: cuda ? "cuda" : "cpu",
                DeviceName: cuda ? $"{torch.cuda.device_count()} CUDA device(s)" : null,
                CpuThreads: torch.get_num_threads());
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException or InvalidOperationException)
        {
            var root = e;
            while (root.InnerException is not null)
            {
                root = root.InnerException;
            }

            return new TorchEnvironmentReport(TorchSharpVersion, null, false, root.Message.Split('\n')[0], "none", null, Environment.ProcessorCount);
        }
    }
}
