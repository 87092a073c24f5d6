using System.Text.RegularExpressions;

namespace SuperConvergence.Silo.Tests.Support;

/// <summary>
/// The metric names a PromQL expression selects: what is left once strings, label matchers, ranges and grouping
/// clauses are taken out, less function names (followed by "(") and keywords.
/// </summary>
internal static partial class PromQlMetricNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset",
    };

    public static IReadOnlySet<string> Of(string expression)
    {
        var bare = Grouping().Replace(Ranges().Replace(Matchers().Replace(Strings().Replace(expression, " "), " "), " "), " ");
        return Identifiers().Matches(bare).Select(m => m.Value).Where(name => !Keywords.Contains(name)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The metric a Grafana variable's label_values(metric, label) query reads.</summary>
    public static string? OfLabelValues(string query) => LabelValues().Match(query) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    // Not inside a number (1e4) nor a dashboard variable ($sweep); a name followed by "(" is a function.
    [GeneratedRegex(@"(?<![\w.$])[A-Za-z_:][A-Za-z0-9_:]*(?!\s*\(|[\w:])")]
    private static partial Regex Identifiers();

    [GeneratedRegex(@"^\s*label_values\(\s*([A-Za-z_:][A-Za-z0-9_:]*)\s*(?:\{[^}]*\})?\s*,")]
    private static partial Regex LabelValues();
}
