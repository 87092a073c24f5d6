using static TorchSharp.torch;

namespace SuperConvergence.Training.Models.TorchScript;

/// <summary>
/// Models saved with PyTorch's <c>torch.jit.save</c> (<see cref="TorchScriptModelReference"/>): each model built loads
/// its own copy of the archive, every parameter trainable. A TorchScript module starts every trial from the weights it
/// was saved with: the host cannot re-draw parameters it does not know the layers of, so a trial's seed orders its
/// data but does not change its initial weights.
/// </summary>
public static class TorchScriptModels
{
    /// <summary>Loads the module; throws <see cref="ModelFileException"/> when it cannot.</summary>
    public static nn.Module<Tensor, Tensor> Create(TorchScriptModelReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var fullPath = Path.GetFullPath(reference.ArchivePath);
        if (!File.Exists(fullPath))
        {
            throw new ModelFileException(
                reference.ModelName, $"names TorchScript module '{reference.ArchivePath}', which does not exist (a relative path is read from the working directory, {Environment.CurrentDirectory})");
        }

        jit.ScriptModule<Tensor, Tensor> script;
        try
        {
            script = jit.load<Tensor, Tensor>(fullPath);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ModelFileException(reference.ModelName, $"names '{reference.ArchivePath}', which is not a TorchScript module libtorch can load: {ModelFit.OneLine(e.Message)}", e);
        }

        var network = new TorchScriptNetwork(Path.GetFileNameWithoutExtension(fullPath), script);
        foreach (var parameter in network.parameters())
        {
            // torch.jit.save keeps requires_grad as it was; a module saved for inference would otherwise not learn.
            parameter.requires_grad = true;
        }

        return network;
    }

    /// <summary>Why the module cannot train on images of <paramref name="input"/> with <paramref name="classCount"/> classes; null when it can.</summary>
    public static string? Problem(TorchScriptModelReference reference, ImageShape input, int classCount)
    {
        ArgumentNullException.ThrowIfNull(reference);
        try
        {
            using var model = Create(reference);
            return ModelFit.Problem(model, input, classCount);
        }
        catch (ModelFileException e)
        {
            return e.Problem;
        }
    }
}
