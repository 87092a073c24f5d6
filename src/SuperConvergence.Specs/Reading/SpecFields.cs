namespace SuperConvergence.Core.Sweeps.Reading;

/// <summary>
/// One mapping of the spec, opened with the fields it may hold: any other key is an error that names it (and the
/// known field it most likely meant), so a typo never silently falls back to a default.
/// </summary>
internal sealed class SpecFields
{
    private readonly Dictionary<string, SpecNode> _values;

    private SpecFields(string path, Dictionary<string, SpecNode> values)
    {
        Path = path;
        _values = values;
    }

    public string Path { get; }

    public static SpecFields Open(SpecNode node, string path, params string[] known)
    {
        if (node is not SpecMapping mapping)
        {
            throw new SweepSpecException(path.Length == 0 ? "spec" : path, node.Display, $"must be a mapping with fields {string.Join(", ", known)}");
        }

        var values = new Dictionary<string, SpecNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Entries)
        {
            if (Array.IndexOf(known, key) < 0)
            {
                throw new SweepSpecException(SpecPath.Child(path, key), value.Display, UnknownFieldProblem(key, known));
            }

            values[key] = value;
        }

        return new SpecFields(path, values);
    }

    /// <summary>The field's node and path; null when absent or written as null (both mean "use the default").</summary>
    public (SpecNode Node, string Path)? Get(string field)
    {
        if (!_values.TryGetValue(field, out var node) || node is SpecScalar { IsNull: true })
        {
            return null;
        }

        return (node, SpecPath.Child(Path, field));
    }

    public (SpecNode Node, string Path) Require(string field) =>
        Get(field) ?? throw new SweepSpecException(SpecPath.Child(Path, field), "(missing)", "is required");

    private static string UnknownFieldProblem(string key, string[] known)
    {
        var closest = known.MinBy(candidate => EditDistance(key.ToLowerInvariant(), candidate.ToLowerInvariant()));
        var hint = closest is not null && EditDistance(key.ToLowerInvariant(), closest.ToLowerInvariant()) <= Math.Max(2, key.Length / 3)
            ? $"; did you mean '{closest}'?"
            : "";
        return $"is not a known field{hint} (known here: {string.Join(", ", known)})";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
