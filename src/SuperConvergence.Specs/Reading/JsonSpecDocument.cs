using System.Text.Json;

namespace SuperConvergence.Core.Sweeps.Reading;

/// <summary>Reads a JSON spec into <see cref="SpecNode"/>s; comments and trailing commas are tolerated, repeated keys are not.</summary>
internal static class JsonSpecDocument
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static SpecNode Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, Options);
            return Convert(document.RootElement, "");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "(unknown position)";
            throw new SweepSpecException("spec", where, $"is not valid JSON: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>Whether the text is one JSON value as <see cref="Parse"/> accepts JSON (comments, trailing commas).</summary>
    public static bool IsWellFormed(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, Options);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static SpecNode Convert(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var entries = new List<KeyValuePair<string, SpecNode>>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var childPath = SpecPath.Child(path, property.Name);
                    if (!seen.Add(property.Name))
                    {
                        throw new SweepSpecException(childPath, "(repeated)", "appears twice; each field may be given once");
                    }

                    entries.Add(new(property.Name, Convert(property.Value, childPath)));
                }

                return new SpecMapping(entries);
            case JsonValueKind.Array:
                var items = new List<SpecNode>();
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(Convert(item, $"{path}[{items.Count}]"));
                }

                return new SpecSequence(items);
            case JsonValueKind.String:
                return new SpecScalar(element.GetString() ?? "", ScalarStyle.Text);
            case JsonValueKind.Number:
                return new SpecScalar(element.GetRawText(), ScalarStyle.Number);
            case JsonValueKind.True:
            case JsonValueKind.False:
                return new SpecScalar(element.GetRawText(), ScalarStyle.Boolean);
            default:
                return new SpecScalar("null", ScalarStyle.Null);
        }
    }
}
