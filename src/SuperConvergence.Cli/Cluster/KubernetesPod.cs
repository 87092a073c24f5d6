using Orleans.Hosting.Kubernetes;

namespace SuperConvergence.Cli.Cluster;

/// <summary>
/// The pod `sc silo --kubernetes` runs in. Orleans' Kubernetes hosting names the silo after $POD_NAME and advertises
/// $POD_IP, and talks to the API server with the pod's service account: all are checked here, before anything
/// starts, so that a manifest that lacks one is bad input naming it rather than a silo that fails to join.
/// </summary>
public sealed record KubernetesPod(string Name, IPAddress Address)
{
    public const string NameVariable = KubernetesHostingOptions.PodNameEnvironmentVariable;
    public const string AddressVariable = KubernetesHostingOptions.PodIPEnvironmentVariable;
    public const string NamespaceVariable = KubernetesHostingOptions.PodNamespaceEnvironmentVariable;
    public const string ApiHostVariable = "KUBERNETES_SERVICE_HOST";
    public const string ApiPortVariable = "KUBERNETES_SERVICE_PORT";

    /// <param name="environment">Reads a variable; the process environment unless a test supplies its own.</param>
    /// <param name="name">--name, if given: it must be the pod's name.</param>
    /// <param name="address">--address, if given: it must be the pod's IP.</param>
    /// <param name="serviceAccountToken">Where Kubernetes mounts the service account's token.</param>
    /// <exception cref="CliException">Bad input naming --kubernetes and what is missing or differs.</exception>
    public static KubernetesPod Read(Func<string, string?> environment, string? name, string? address, string serviceAccountToken = "/var/run/secrets/kubernetes.io/serviceaccount/token")
    {
        var podName = environment(NameVariable);
        var podIp = environment(AddressVariable);
        if (string.IsNullOrWhiteSpace(podName) || string.IsNullOrWhiteSpace(podIp))
        {
            throw CliException.BadInput("--kubernetes", $"{NameVariable}={podName}, {AddressVariable}={podIp}", $"needs ${NameVariable} and ${AddressVariable} (set them from the pod's metadata.name and status.podIP, as k8s/base does)");
        }

        if (!IPAddress.TryParse(podIp, out var podAddress))
        {
            throw CliException.BadInput($"${AddressVariable}", podIp, "must be an IP address");
        }

        if (name is not null && name != podName)
        {
            throw CliException.BadInput("--name", name, $"differs from ${NameVariable} '{podName}': with --kubernetes the silo is named after its pod");
        }

        if (address is not null && !(IPAddress.TryParse(address, out var given) && given.Equals(podAddress)))
        {
            throw CliException.BadInput("--address", address, $"differs from ${AddressVariable} '{podIp}': with --kubernetes the silo listens on its pod's IP");
        }

        if (string.IsNullOrWhiteSpace(environment(ApiHostVariable)) || string.IsNullOrWhiteSpace(environment(ApiPortVariable)) || !File.Exists(serviceAccountToken))
        {
            throw CliException.BadInput(
                "--kubernetes",
                true,
                $"finds no Kubernetes API here (${ApiHostVariable}, ${ApiPortVariable} and {serviceAccountToken}): run it in a pod with automountServiceAccountToken and the ServiceAccount of k8s/base/rbac.yaml");
        }

        return new KubernetesPod(podName, podAddress);
    }
}
