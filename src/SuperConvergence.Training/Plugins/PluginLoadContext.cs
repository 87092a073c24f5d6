using System.Reflection;
using System.Runtime.Loader;

namespace SuperConvergence.Training.Plugins;

/// <summary>
/// The load context of one plugin assembly: its own dependencies from its folder (by its deps.json), while TorchSharp,
/// the plugin contract and everything the host has already loaded come from the host, so a module a plugin builds is
/// the host's <c>nn.Module</c> and its factory the host's <c>IModelFactory</c> (its dataset provider the host's
/// <c>IDatasetProvider</c>). One per plugin path, for the process's
/// life: libtorch modules cannot be unloaded safely while tensors of theirs may live.
/// </summary>
internal sealed class PluginLoadContext(string pluginPath) : AssemblyLoadContext($"plugin:{pluginPath}", isCollectible: false)
{
    /// <summary>Shared with the host even when not yet loaded there: a plugin's own copies would be other types.</summary>
    private static readonly HashSet<string> Shared = new(StringComparer.OrdinalIgnoreCase) { "TorchSharp", "SuperConvergence.Extensibility" };

    private readonly AssemblyDependencyResolver _resolver = new(pluginPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name
            && (Shared.Contains(name) || Default.Assemblies.Any(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase))))
        {
            return null;
        }

        return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
