using k8s;
using k8s.Models;
using SuperConvergence.Testing.Processes;
using Xunit;

namespace SuperConvergence.Cli.Tests.Kubernetes;

/// <summary>
/// Kubernetes objects as the API server would read them: rendered with `kubectl kustomize` and loaded with the
/// models of KubernetesClient 21 (the OpenAPI schema of Kubernetes <see cref="KubernetesVersion"/>) in strict mode,
/// so that an unknown field, a value of the wrong type or a kind the schema lacks is an error, as `kubectl apply
/// --validate=strict` makes it one.
/// </summary>
internal static class Manifests
{
    /// <summary>The Kubernetes release whose API the models are generated from (KubernetesClient 21.0.8).</summary>
    public const string KubernetesVersion = "v1.37.0";

    private static readonly Dictionary<string, Type> CustomResources = new()
    {
        [$"{ServiceMonitor.ApiGroupVersion}/{ServiceMonitor.ResourceKind}"] = typeof(ServiceMonitor),
    };

    /// <summary>Every object of the YAML stream; throws <see cref="ManifestSchemaException"/> naming the document that does not fit the schema.</summary>
    public static IReadOnlyList<object> Load(string yaml)
    {
        var documents = yaml.Split(["\n---\n", "\n---\r\n"], StringSplitOptions.None)
            .Select(d => d.StartsWith("---", StringComparison.Ordinal) ? d[3..] : d)
            .Where(d => d.Split('\n').Any(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith('#')))
            .ToList();
        var objects = new List<object>();
        foreach (var document in documents)
        {
            var kind = document.Split('\n').FirstOrDefault(line => line.StartsWith("kind:", StringComparison.Ordinal))?.Trim() ?? "(no kind)";
            try
            {
                objects.AddRange(KubernetesYaml.LoadAllFromString(document, CustomResources, strict: true));
            }
            catch (Exception e) when (e is YamlDotNet.Core.YamlException or ArgumentException or InvalidOperationException or KeyNotFoundException)
            {
                throw new ManifestSchemaException($"{kind}: {Describe(e)}", e);
            }
        }

        return objects;
    }

    /// <summary>`kubectl kustomize DIRECTORY`; skips the calling test where kubectl is not installed.</summary>
    public static async Task<string> RenderAsync(string directory, CancellationToken cancellationToken)
    {
        var kubectl = CommandLineTool.Find("kubectl");
        Assert.SkipWhen(kubectl is null, "needs kubectl with kustomize v5 on PATH: this machine image ships it (build/scripts/prerequisites.sh, sc_check_kubectl)");
        var kustomize = await KustomizeMajorVersion.Value;
        Assert.SkipWhen(kustomize < 5, $"needs kubectl with kustomize v5 (components, labels): {kubectl} has {(kustomize == 0 ? "none" : $"v{kustomize}")}");
        var result = await CommandLineTool.RunAsync(kubectl!, ["kustomize", directory], null, cancellationToken);
        Assert.True(result.ExitCode == 0, $"kubectl kustomize {directory} failed ({result.ExitCode}): {result.Error}");
        return result.Output;
    }

    public static IEnumerable<T> OfType<T>(this IEnumerable<object> objects, string name) where T : IKubernetesObject<V1ObjectMeta> =>
        objects.OfType<T>().Where(o => o.Metadata.Name == name);

    /// <summary>The major version of the kustomize built into kubectl (`kubectl version --client`), 0 when it names none.</summary>
    private static readonly Lazy<Task<int>> KustomizeMajorVersion = new(async () =>
    {
        var result = await CommandLineTool.RunAsync(CommandLineTool.Find("kubectl")!, ["version", "--client"], null, CancellationToken.None);
        var match = System.Text.RegularExpressions.Regex.Match(result.Output, @"Kustomize Version: v(\d+)\.");
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    });

    private static string Describe(Exception e)
    {
        var messages = new List<string>();
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            messages.Add(inner.Message);
        }

        return string.Join(" <- ", messages.Distinct());
    }
}

/// <summary>A rendered object that the Kubernetes API schema refuses.</summary>
internal sealed class ManifestSchemaException(string message, Exception inner) : Exception(message, inner);
