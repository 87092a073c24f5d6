using SuperConvergence.Extensibility;
using SuperConvergence.Training.Plugins;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Models.Plugins;

/// <summary>
/// Models from users' plugin assemblies (<see cref="PluginModelReference"/>): the assembly loaded once per process
/// (<see cref="PluginAssemblies"/>), its factory type found and instantiated for every model built.
/// </summary>
public static class PluginModels
{
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
        try
        {
            return PluginAssemblies.Create<IModelFactory>(reference.AssemblyPath, reference.TypeName, "model factories");
        }
        catch (PluginLoadException e)
        {
            throw new ModelFileException(reference.ModelName, e.Message, e.InnerException);
        }
    }

    private static string OneLine(string text) => ModelFit.OneLine(text);
}
