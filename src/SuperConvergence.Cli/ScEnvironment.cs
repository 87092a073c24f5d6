namespace SuperConvergence.Cli;

/// <summary>
/// Every environment variable `sc` reads, named by the constant the reading code uses, with the commands that read
/// it. The configuration contract in docs/cluster.md lists exactly these (and the flags of the commands), and the
/// Kubernetes manifests set no other (tests/SuperConvergence.Cli.Tests/Kubernetes).
/// </summary>
public static class ScEnvironment
{
    /// <param name="Name">The variable.</param>
    /// <param name="ReadBy">The commands that read it, as docs/cluster.md's table shows them.</param>
    public sealed record Variable(string Name, string ReadBy);

    public static IReadOnlyList<Variable> Variables { get; } =
    [
        new(ClusterTarget.PostgresVariable, "sc silo, sc db migrate, client commands"),
        new(PostgresSecret.FileVariable, "sc silo, sc db migrate, client commands"),
        new(ClusterTarget.GatewayVariable, "client commands"),
        new(ClusterConnectionOptions.TimeoutVariable, "client commands"),
        new(DataCache.EnvironmentVariable, "sc silo, sc data, embedded runs"),
        new(CpuKernelGuard.Variable, "every command (libtorch)"),
        new(CliConsole.NoColorVariable, "every command"),
        new(SuperConvergence.Training.Command.ProgramPath.SearchPathVariable, "sc silo, sc sweep run, sc sweep submit (command trainer)"),
        new(ClusterTarget.ConfigHomeVariable, "client commands"),
        new(KubernetesPod.NameVariable, "sc silo --kubernetes"),
        new(KubernetesPod.AddressVariable, "sc silo --kubernetes"),
        new(KubernetesPod.NamespaceVariable, "sc silo --kubernetes"),
        new(KubernetesPod.ApiHostVariable, "sc silo --kubernetes"),
        new(KubernetesPod.ApiPortVariable, "sc silo --kubernetes"),
        new(Orleans.Hosting.Kubernetes.KubernetesHostingOptions.ServiceIdEnvironmentVariable, "sc silo --kubernetes"),
        new(Orleans.Hosting.Kubernetes.KubernetesHostingOptions.ClusterIdEnvironmentVariable, "sc silo --kubernetes"),
    ];
}
