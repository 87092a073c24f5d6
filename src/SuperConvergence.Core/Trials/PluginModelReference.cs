namespace SuperConvergence.Core.Trials;

/// <summary>
/// A model from a user's .NET plugin: the assembly's path (as the worker silos see it: absolute, or relative to their
/// working directory) and the full name of its model factory type. Travels in a trial's config as the model name's
/// text form <c>plugin:PATH#TYPE</c>, which specs (<c>model: {plugin: PATH, type: TYPE}</c>), <c>--model</c> and
/// reports share, so every place that carries a model name carries a plugin model unchanged.
/// </summary>
public sealed record PluginModelReference(string AssemblyPath, string TypeName)
{
    public const string Prefix = PluginReferenceText.Prefix;

    /// <summary>The model name this reference travels as.</summary>
    public string ModelName => PluginReferenceText.Format(AssemblyPath, TypeName);

    /// <summary>The reference a model name stands for; null for a catalog model's name.</summary>
    /// <exception cref="FormatException">The name starts with <c>plugin:</c> but names no path or no type.</exception>
    public static PluginModelReference? Parse(string modelName) =>
        PluginReferenceText.Parse(modelName, "model factory") is { } text ? new PluginModelReference(text.AssemblyPath, text.TypeName) : null;

    public override string ToString() => ModelName;
}
