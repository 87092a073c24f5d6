namespace SuperConvergence.Paper.Evidence;

/// <summary>Where the page came from: the command, when it was written, the commit and the machine.</summary>
public sealed record Provenance(string Command, string Written, string Commit, string Machine)
{
    /// <summary>The CPU model and core count (/proc/cpuinfo), the distribution (/etc/os-release) and the kernel.</summary>
    public static string DescribeMachine()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var distribution = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
            : null;
        return $"{model ?? "unknown CPU"}, {Environment.ProcessorCount} cores, {distribution ?? Environment.OSVersion.ToString()}";
    }
}
