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
    /// <summary>
    /// Reads a file in the format its text is in (<see cref="FormatOf"/>), as the coordinator will read the same text;
    /// a .json file is always JSON, so that a malformed one is reported as JSON rather than as YAML.
    /// </summary>
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

        var declaredJson = string.Equals(Path.GetExtension(path), ".json", StringComparison.OrdinalIgnoreCase);
        return Parse(text, declaredJson ? SweepSpecFormat.Json : FormatOf(text));
    }

    /// <summary>Reads a spec's text in the format <see cref="FormatOf"/> decides.</summary>
    public static SweepSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text, FormatOf(text));
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

    /// <summary>
    /// The one rule for the format of a spec's text, decided by the text alone: the console (which knows the file's
    /// name) and the coordinator (which gets only the text) must read a spec the same way. A JSON object is JSON; any
    /// other text is YAML, including a flow-style mapping such as <c>{name: a, ...}</c>, which starts with '{' too
    /// but is not JSON.
    /// </summary>
    public static SweepSpecFormat FormatOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Over the limit the text is refused unread; deciding its format must not parse it either.
        var json = text.TrimStart().StartsWith('{') && (text.Length > SweepSpecLimits.MaxSpecCharacters || JsonSpecDocument.IsWellFormed(text));
        return json ? SweepSpecFormat.Json : SweepSpecFormat.Yaml;
    }
}
