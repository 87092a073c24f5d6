namespace SuperConvergence.Core.Trials;

/// <summary>
/// A model saved as TorchScript (PyTorch's <c>torch.jit.save</c>): the archive's path as the worker silos see it.
/// Travels as the model name <c>torchscript:PATH</c> (spec: <c>model: {torchscript: PATH}</c>), like
/// <see cref="PluginModelReference"/>.
/// </summary>
public sealed record TorchScriptModelReference(string ArchivePath)
{
    public const string Prefix = "torchscript:";

    public string ModelName => Prefix + ArchivePath;

    /// <summary>The reference a model name stands for; null for any other model name.</summary>
    /// <exception cref="FormatException">The name starts with <c>torchscript:</c> but names no path.</exception>
    public static TorchScriptModelReference? Parse(string modelName)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        if (!modelName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var path = modelName[Prefix.Length..];
        return path.Trim().Length > 0 ? new TorchScriptModelReference(path) : throw new FormatException("must be torchscript:PATH (the path of a module saved with torch.jit.save)");
    }

    public override string ToString() => ModelName;
}
