using SuperConvergence.Core.Sweeps.Reading;

namespace SuperConvergence.Core.Sweeps;

/// <summary>How a spec's text is written.</summary>
public enum SweepSpecFormat
{
    Yaml,
    Json,
}

/// <summary>
/// Reads sweep specs written in YAML or JSON (camelCase fields, docs/sweep-spec.md) and validates them. Every
/// failure is a <see cref="SweepSpecException"/> whose one-line message names the field and the value.
/// </summary>
public static class SweepSpecReader
{
    /// <summary>Reads a file; .json is JSON, .yaml/.yml YAML, anything else is sniffed (a leading '{' means JSON).</summary>
    public static SweepSpec ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SweepSpecException("spec", $"'{path}'", $"cannot be read: {e.Message.ReplaceLineEndings(" ")}");
        }

        return Parse(text, FormatOf(path, text));
    }

    public static SweepSpec Parse(string text, SweepSpecFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > SweepSpecLimits.MaxSpecCharacters)
        {
            // Checked before parsing: a parser fed megabytes of nesting spends the memory the limit is there to save.
            throw new SweepSpecException("spec", $"{text.Length} characters", $"is more than the limit of {SweepSpecLimits.MaxSpecCharacters}");
        }

        var root = format == SweepSpecFormat.Json ? JsonSpecDocument.Parse(text) : YamlSpecDocument.Parse(text);
        return SweepSpecValidator.Validate(SweepSpecBinder.Bind(root));
    }

    public static SweepSpec ParseYaml(string text) => Parse(text, SweepSpecFormat.Yaml);

    public static SweepSpec ParseJson(string text) => Parse(text, SweepSpecFormat.Json);

    private static SweepSpecFormat FormatOf(string path, string text) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => SweepSpecFormat.Json,
        ".yaml" or ".yml" => SweepSpecFormat.Yaml,
        _ => SniffFormat(text),
    };

    /// <summary>The format of a spec whose file name does not say: a leading '{' means JSON, anything else YAML.</summary>
    public static SweepSpecFormat SniffFormat(string text) =>
        text.TrimStart().StartsWith('{') ? SweepSpecFormat.Json : SweepSpecFormat.Yaml;
}
