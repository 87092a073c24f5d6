namespace SuperConvergence.Core.Trials;

/// <summary>
/// A model from a user's .NET plugin: the assembly's path (as the worker silos see it: absolute, or relative to their
/// working directory) and the full name of its model factory type. Travels in a trial's config as the model name's
/// text form <c>plugin:PATH#TYPE</c>, which specs (<c>model: {plugin: PATH, type: TYPE}</c>), <c>--model</c> and
/// reports share, so every place that carries a model name carries a plugin model unchanged.
/// </summary>
public sealed record PluginModelReference(string AssemblyPath, string TypeName)
{
    public const string Prefix = "plugin:";

    /// <summary>The model name this reference travels as.</summary>
    public string ModelName => $"{Prefix}{AssemblyPath}#{TypeName}";

    /// <summary>The reference a model name stands for; null for a catalog model's name.</summary>
    /// <exception cref="FormatException">The name starts with <c>plugin:</c> but names no path or no type.</exception>
    public static PluginModelReference? Parse(string modelName)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        if (!modelName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var body = modelName[Prefix.Length..];
        var hash = body.LastIndexOf('#');
        if (hash <= 0 || hash == body.Length - 1)
        {
            throw new FormatException("must be plugin:PATH#TYPE (the assembly's path and its model factory's full type name)");
        }

        return new PluginModelReference(body[..hash], body[(hash + 1)..]);
    }

    public override string ToString() => ModelName;
}
