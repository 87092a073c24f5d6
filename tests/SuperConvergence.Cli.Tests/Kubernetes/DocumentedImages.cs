using System.Text.RegularExpressions;

namespace SuperConvergence.Cli.Tests.Kubernetes;

/// <summary>The images k8s/README.md tells users to build and run, per kustomization: its "Images" table.</summary>
internal static partial class DocumentedImages
{
    public const string Document = "k8s/README.md";

    /// <summary>Kustomization folder (as `k8s/overlays/gpu`) to its images.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Read(string readme)
    {
        var images = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var line in readme.Split('\n'))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (line.TrimStart().StartsWith('|') && cells.Length >= 2 && cells[0].StartsWith("`k8s/", StringComparison.Ordinal))
            {
                images[cells[0].Trim('`')] = Code().Matches(cells[1]).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            }
        }

        return images;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
