using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SuperConvergence.Core.Sweeps.Reading;

/// <summary>
/// Reads one YAML document into <see cref="SpecNode"/>s straight from the parser's events, so a repeated key is
/// reported instead of silently winning, and anchors/aliases still work.
/// </summary>
internal static class YamlSpecDocument
{
    public static SpecNode Parse(string text)
    {
        var scanner = new Scanner(new StringReader(text));
        try
        {
            var parser = new Parser(scanner);
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                throw new SweepSpecException("spec", "(empty)", "is empty: expected a YAML mapping with name, dataset, model, ...");
            }

            parser.Consume<DocumentStart>();
            var anchors = new Dictionary<string, SpecNode>(StringComparer.Ordinal);
            var root = ReadNode(parser, anchors, "");
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                throw new SweepSpecException("spec", "(second document)", "must hold exactly one YAML document");
            }

            return root;
        }
        catch (YamlException e)
        {
            var (line, column) = e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && TabIndentedLine(text, e.Start.Line) is { } tab
                ? tab
                : (e.Start.Line, e.Start.Column);
            throw new SweepSpecException("spec", $"line {line}, column {column}", $"is not valid YAML: {OneLine(e.Message)}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner fails this way on some malformed input (an unclosed flow sequence, say; a tag that
            // is no valid URI, found by afl: docs/fuzzing.md); where it stopped is the best position there is.
            var at = scanner.CurrentPosition;
            throw new SweepSpecException("spec", $"line {at.Line}, column {at.Column}", $"is not valid YAML: the parser stopped here ({OneLine(e.Message)})");
        }
    }

    /// <summary>
    /// The first line from <paramref name="fromLine"/> on whose indentation holds a tab, and the tab's column (both
    /// from 1). YamlDotNet reports a tab in the indentation at the start of the mapping it was scanning (line 1 for
    /// a top-level one) or at the end of the line before; the offending line is this one.
    /// </summary>
    private static (long Line, long Column)? TabIndentedLine(string text, long fromLine)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = (int)Math.Max(fromLine - 1, 0); i < lines.Length; i++)
        {
            var indentation = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indentation);
            if (tab >= 0)
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }

    private static SpecNode ReadNode(IParser parser, Dictionary<string, SpecNode> anchors, string path)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw new SweepSpecException(PathOrRoot(path), $"*{alias.Value.Value}", "refers to an anchor that is not defined before it");
        }

        SpecNode node;
        AnchorName anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor;
            node = new SpecScalar(scalar.Value, StyleOf(scalar));
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            anchor = sequenceStart.Anchor;
            var items = new List<SpecNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, anchors, $"{path}[{items.Count}]"));
            }

            node = new SpecSequence(items);
        }
        else if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            anchor = mappingStart.Anchor;
            node = ReadMapping(parser, anchors, path);
        }
        else
        {
            throw new SweepSpecException(PathOrRoot(path), parser.Current?.ToString() ?? "(end)", "is not a YAML value the spec understands");
        }

        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }

        return node;
    }

    private static SpecMapping ReadMapping(IParser parser, Dictionary<string, SpecNode> anchors, string path)
    {
        var entries = new List<KeyValuePair<string, SpecNode>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            if (!parser.TryConsume<Scalar>(out var key))
            {
                throw new SweepSpecException(PathOrRoot(path), "(complex key)", "has a key that is not plain text");
            }

            var childPath = SpecPath.Child(path, key.Value);
            if (!seen.Add(key.Value))
            {
                throw new SweepSpecException(childPath, "(repeated)", "appears twice; each field may be given once");
            }

            entries.Add(new(key.Value, ReadNode(parser, anchors, childPath)));
        }

        return new SpecMapping(entries);
    }

    private static ScalarStyle StyleOf(Scalar scalar)
    {
        if (scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted
            or YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded)
        {
            return ScalarStyle.Text;
        }

        return scalar.Value is "" or "~" or "null" or "Null" or "NULL" ? ScalarStyle.Null : ScalarStyle.Plain;
    }

    private static string PathOrRoot(string path) => path.Length == 0 ? "spec" : path;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
