using System.Collections.Concurrent;
using System.Reflection;
using SuperConvergence.Extensibility;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Models.Plugins;

/// <summary>
/// Models from users' plugin assemblies (<see cref="PluginModelReference"/>): each assembly loaded once per process in
/// its own <see cref="PluginLoadContext"/>, checked for the contract version it was built against, its factory type
/// found and instantiated for every model built.
/// </summary>
public static class PluginModels
{
    // Process-wide like the load contexts it holds: loading one assembly into two contexts would make two sets of types.
    private static readonly ConcurrentDictionary<string, Lazy<Assembly>> Loaded = new(StringComparer.Ordinal);

    /// <summary>Builds the plugin's module for <paramref name="request"/>; throws <see cref="ModelFileException"/> when it cannot.</summary>
    public static nn.Module<Tensor, Tensor> Create(PluginModelReference reference, ModelRequest request, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(request);
        var factory = Factory(reference);
        var context = new ModelContext(request.Input.Channels, request.Input.Height, request.Input.Width, request.ClassCount, request.WidthMultiplier, generator);
        nn.Module<Tensor, Tensor>? model;
        try
        {
            model = factory.Create(context);
        }
        catch (Exception e)
        {
            throw new ModelFileException(reference.ModelName, $"fails to build a network for {request.Input} images and {request.ClassCount} classes: {e.GetType().Name}: {OneLine(e.Message)}", e);
        }

        return model ?? throw new ModelFileException(reference.ModelName, $"builds no network: {reference.TypeName}.Create returned null");
    }

    /// <summary>
    /// Why the plugin cannot train on images of <paramref name="input"/> with <paramref name="classCount"/> classes (it
    /// does not load, or its module's output for a batch of two is not two rows of <paramref name="classCount"/> logits);
    /// null when it can. Costs one model's construction and one forward pass.
    /// </summary>
    public static string? Problem(PluginModelReference reference, ImageShape input, int classCount)
    {
        ArgumentNullException.ThrowIfNull(reference);
        try
        {
            using var generator = new Generator(1);
            using var model = Create(reference, new ModelRequest(reference.ModelName, input, classCount), generator);
            return ModelFit.Problem(model, input, classCount);
        }
        catch (ModelFileException e)
        {
            return e.Problem;
        }
    }

    private static IModelFactory Factory(PluginModelReference reference)
    {
        var assembly = Load(reference);
        var type = assembly.GetType(reference.TypeName, throwOnError: false);
        if (type is null)
        {
            var factories = SafeTypes(assembly).Where(t => typeof(IModelFactory).IsAssignableFrom(t) && !t.IsAbstract).Select(t => t.FullName).ToList();
            throw new ModelFileException(
                reference.ModelName, $"names type '{reference.TypeName}', which {reference.AssemblyPath} does not have; its model factories: {(factories.Count == 0 ? "none" : string.Join(", ", factories))}");
        }

        if (!typeof(IModelFactory).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ModelFileException(reference.ModelName, $"names type '{reference.TypeName}', which does not implement {typeof(IModelFactory).FullName} (contract {PluginContract.Version})");
        }

        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ModelFileException(reference.ModelName, $"names type '{reference.TypeName}', which has no public parameterless constructor");
        }

        try
        {
            return (IModelFactory)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException e)
        {
            throw new ModelFileException(reference.ModelName, $"names type '{reference.TypeName}', whose constructor fails: {OneLine(e.InnerException?.Message ?? e.Message)}", e);
        }
    }

    private static Assembly Load(PluginModelReference reference)
    {
        var fullPath = Path.GetFullPath(reference.AssemblyPath);
        if (Loaded.TryGetValue(fullPath, out var loaded))
        {
            return loaded.Value;
        }

        // Checked before caching, so a plugin copied into place after a failed attempt loads on the next.
        var assembly = LoadChecked(reference, fullPath);
        return Loaded.GetOrAdd(fullPath, new Lazy<Assembly>(assembly)).Value;
    }

    private static Assembly LoadChecked(PluginModelReference reference, string fullPath)
    {
        var assemblyPath = reference.AssemblyPath;
        if (!File.Exists(fullPath))
        {
            throw new ModelFileException(reference.ModelName, $"names plugin '{assemblyPath}', which does not exist (a relative path is read from the working directory, {Environment.CurrentDirectory})");
        }

        Assembly assembly;
        try
        {
            assembly = new PluginLoadContext(fullPath).LoadFromAssemblyPath(fullPath);
        }
        catch (BadImageFormatException)
        {
            throw new ModelFileException(reference.ModelName, $"names plugin '{assemblyPath}', which is not a .NET assembly");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(reference.ModelName, $"names plugin '{assemblyPath}', which cannot be read: {OneLine(e.Message)}", e);
        }

        var marker = assembly.GetCustomAttribute<SuperConvergencePluginAttribute>();
        if (marker is null)
        {
            throw new ModelFileException(reference.ModelName, $"names '{assemblyPath}', which is not a SuperConvergence plugin: it has no [assembly: SuperConvergencePlugin(PluginContract.Version)]");
        }

        if (marker.ContractVersion != PluginContract.Version)
        {
            throw new ModelFileException(
                reference.ModelName, $"names plugin '{assemblyPath}', built for plugin contract {marker.ContractVersion}; this build has contract {PluginContract.Version}: rebuild it against this SuperConvergence.Extensibility");
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

    private static string OneLine(string text) => ModelFit.OneLine(text);
}
