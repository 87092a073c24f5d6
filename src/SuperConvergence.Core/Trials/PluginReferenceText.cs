namespace SuperConvergence.Core.Trials;

/// <summary>
/// The text form <c>plugin:PATH#TYPE</c> a plugin's model or dataset travels as wherever a model or dataset name goes:
/// the assembly's path, then after the last <c>#</c> the full name of the type in it to load.
/// </summary>
internal static class PluginReferenceText
{
    public const string Prefix = "plugin:";

    public static string Format(string assemblyPath, string typeName) => $"{Prefix}{assemblyPath}#{typeName}";

    /// <summary>The path and type <paramref name="name"/> names; null when it is not a plugin's name.</summary>
    /// <exception cref="FormatException">The name starts with <c>plugin:</c> but names no path or no type.</exception>
    public static (string AssemblyPath, string TypeName)? Parse(string name, string typeRole)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var body = name[Prefix.Length..];
        var hash = body.LastIndexOf('#');
        if (hash <= 0 || hash == body.Length - 1)
        {
            throw new FormatException($"must be plugin:PATH#TYPE (the assembly's path and its {typeRole}'s full type name)");
        }

        return (body[..hash], body[(hash + 1)..]);
    }
}
