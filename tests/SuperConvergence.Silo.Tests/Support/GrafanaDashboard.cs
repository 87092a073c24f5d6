using System.Text.Json;
using System.Text.RegularExpressions;

namespace SuperConvergence.Silo.Tests.Support;

/// <summary>A dashboard variable: its name and, for a query variable, the label_values query that lists its values.</summary>
internal sealed record DashboardVariable(string Name, string Type, string? Query);

/// <summary>One PromQL expression of a panel.</summary>
internal sealed record PanelQuery(int PanelId, string PanelTitle, string RefId, string Expression)
{
    public override string ToString() => $"panel {PanelId} '{PanelTitle}' target {RefId} ({Expression})";
}

/// <summary>One of the dashboards in grafana/dashboards, read as Grafana's JSON model.</summary>
internal sealed partial class GrafanaDashboard
{
    /// <summary>The variables Grafana itself defines, which a dashboard may use without declaring them.</summary>
    public static readonly IReadOnlySet<string> BuiltInVariables = new HashSet<string>(StringComparer.Ordinal)
    {
        "__rate_interval", "__interval", "__interval_ms", "__range", "__range_s", "__range_ms", "__dashboard", "__name",
    };

    private GrafanaDashboard(string file, JsonElement root)
    {
        File = file;
        Root = root;
    }

    public static string Directory => Path.Combine(RepositoryPaths.Root, "grafana", "dashboards");

    public string File { get; }

    public JsonElement Root { get; }

    public string Uid => Root.GetProperty("uid").GetString()!;

    public IReadOnlyList<JsonElement> Panels => [.. Root.GetProperty("panels").EnumerateArray()];

    public IReadOnlyList<DashboardVariable> Variables =>
    [
        .. Root.GetProperty("templating").GetProperty("list").EnumerateArray().Select(v =>
        {
            var type = v.GetProperty("type").GetString()!;
            string? query = null;
            if (type == "query")
            {
                var q = v.GetProperty("query");
                query = q.ValueKind == JsonValueKind.Object ? q.GetProperty("query").GetString() : q.GetString();
            }

            return new DashboardVariable(v.GetProperty("name").GetString()!, type, query);
        }),
    ];

    public IEnumerable<PanelQuery> Queries =>
        Panels.SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => new PanelQuery(
            p.GetProperty("id").GetInt32(),
            p.GetProperty("title").GetString()!,
            t.GetProperty("refId").GetString()!,
            t.GetProperty("expr").GetString()!)));

    public static IReadOnlyList<GrafanaDashboard> All() =>
    [
        .. System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal)
            .Select(f => new GrafanaDashboard(Path.GetFileName(f), JsonDocument.Parse(System.IO.File.ReadAllText(f)).RootElement.Clone())),
    ];

    /// <summary>The variables an expression uses ($name, ${name} or [[name]]).</summary>
    public static IReadOnlySet<string> VariablesIn(string text) =>
        VariableReferences().Matches(text).Select(m => m.Groups.Values.Skip(1).First(g => g.Success).Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The text with each variable replaced by its value (Grafana's substitution for single-valued variables).</summary>
    public static string Substitute(string text, IReadOnlyDictionary<string, string> values) =>
        VariableReferences().Replace(text, m =>
        {
            var name = m.Groups.Values.Skip(1).First(g => g.Success).Value;
            return values.TryGetValue(name, out var value) ? value : throw new UndefinedVariableException(name, text);
        });

    [GeneratedRegex(@"\$\{(\w+)(?::\w+)?\}|\$(\w+)|\[\[(\w+)\]\]")]
    private static partial Regex VariableReferences();
}

/// <summary>A variable was used that has no value.</summary>
internal sealed class UndefinedVariableException(string name, string text) : Exception($"variable ${name} has no value in: {text}");
