using System.Reflection;
using SuperConvergence.Abstractions.Grains;

namespace SuperConvergence.Grains.Tests.Hosting;

/// <summary>
/// Every client of the cluster references the grain interfaces; what they reference reaches every client. The YAML
/// parser and the simulated trainer are for those that read spec text and those that train.
/// </summary>
public sealed class ClientDependencyTests
{
    [Theory]
    [InlineData("YamlDotNet")]
    [InlineData("SuperConvergence.Specs")]
    [InlineData("SuperConvergence.Simulation")]
    public void The_grain_interfaces_do_not_reference(string assembly)
    {
        var references = ReferencesOf(typeof(IWorkerGrain).Assembly);

        Assert.Contains("SuperConvergence.Core", references);
        Assert.DoesNotContain(assembly, references);
    }

    /// <summary>The names of the assemblies <paramref name="root"/> references, and theirs in turn, through our own.</summary>
    private static HashSet<string> ReferencesOf(Assembly root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([root]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is { } name && names.Add(name) && name.StartsWith("SuperConvergence.", StringComparison.Ordinal))
                {
                    pending.Push(Assembly.Load(reference));
                }
            }
        }

        return names;
    }
}
