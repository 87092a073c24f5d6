using System.Collections.Concurrent;
using System.Reflection;
using SuperConvergence.Extensibility;

namespace SuperConvergence.Training.Plugins;

/// <summary>
/// Users' plugin assemblies, each loaded once per process in its own <see cref="PluginLoadContext"/> and checked for
/// the contract version it was built against, and the instances of their model factories and dataset providers.
/// Every refusal is a <see cref="PluginLoadException"/> whose message is one phrase.
/// </summary>
public static class PluginAssemblies
{
    // Process-wide like the load contexts it holds: loading one assembly into two contexts would make two sets of types.
    private static readonly ConcurrentDictionary<string, Lazy<Assembly>> Loaded = new(StringComparer.Ordinal);

    /// <summary>
    /// A new instance of <paramref name="typeName"/> from the plugin at <paramref name="assemblyPath"/>, which must
    /// implement <typeparamref name="TContract"/> (<paramref name="kinds"/> names such types in messages: "model factories").
    /// </summary>
    public static TContract Create<TContract>(string assemblyPath, string typeName, string kinds)
        where TContract : class
    {
        var assembly = Load(assemblyPath);
        var type = assembly.GetType(typeName, throwOnError: false);
        if (type is null)
        {
            var candidates = SafeTypes(assembly).Where(t => typeof(TContract).IsAssignableFrom(t) && !t.IsAbstract).Select(t => t.FullName).ToList();
            throw new PluginLoadException(
                $"names type '{typeName}', which {assemblyPath} does not have; its {kinds}: {(candidates.Count == 0 ? "none" : string.Join(", ", candidates))}");
        }

        if (!typeof(TContract).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new PluginLoadException($"names type '{typeName}', which does not implement {typeof(TContract).FullName} (contract {PluginContract.Version})");
        }

        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new PluginLoadException($"names type '{typeName}', which has no public parameterless constructor");
        }

        try
        {
            return (TContract)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException e)
        {
            throw new PluginLoadException($"names type '{typeName}', whose constructor fails: {ModelFit.OneLine(e.InnerException?.Message ?? e.Message)}", e);
        }
    }

    private static Assembly Load(string assemblyPath)
    {
        var fullPath = Path.GetFullPath(assemblyPath);
        if (Loaded.TryGetValue(fullPath, out var loaded))
        {
            return loaded.Value;
        }

        // Checked before caching, so a plugin copied into place after a failed attempt loads on the next.
        var assembly = LoadChecked(assemblyPath, fullPath);
        return Loaded.GetOrAdd(fullPath, new Lazy<Assembly>(assembly)).Value;
    }

    private static Assembly LoadChecked(string assemblyPath, string fullPath)
    {
        if (!File.Exists(fullPath))
        {
            throw new PluginLoadException($"names plugin '{assemblyPath}', which does not exist (a relative path is read from the working directory, {Environment.CurrentDirectory})");
        }

        Assembly assembly;
        try
        {
            assembly = new PluginLoadContext(fullPath).LoadFromAssemblyPath(fullPath);
        }
        catch (BadImageFormatException)
        {
            throw new PluginLoadException($"names plugin '{assemblyPath}', which is not a .NET assembly");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PluginLoadException($"names plugin '{assemblyPath}', which cannot be read: {ModelFit.OneLine(e.Message)}", e);
        }

        var marker = assembly.GetCustomAttribute<SuperConvergencePluginAttribute>();
        if (marker is null)
        {
            throw new PluginLoadException($"names '{assemblyPath}', which is not a SuperConvergence plugin: it has no [assembly: SuperConvergencePlugin(PluginContract.Version)]");
        }

        if (marker.ContractVersion != PluginContract.Version)
        {
            throw new PluginLoadException(
                $"names plugin '{assemblyPath}', built for plugin contract {marker.ContractVersion}; this build has contract {PluginContract.Version}: rebuild it against this SuperConvergence.Extensibility");
        }

        return assembly;
    }

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
