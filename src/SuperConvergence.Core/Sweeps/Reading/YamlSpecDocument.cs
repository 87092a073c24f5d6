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
        try
        {
            var parser = new Parser(new StringReader(text));
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
            throw new SweepSpecException("spec", $"line {e.Start.Line}, column {e.Start.Column}", $"is not valid YAML: {OneLine(e.Message)}");
        }
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
