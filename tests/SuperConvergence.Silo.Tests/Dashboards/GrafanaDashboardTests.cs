using System.Text.Json;
using SuperConvergence.Silo.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace SuperConvergence.Silo.Tests.Dashboards;

/// <summary>
/// The dashboards in grafana/dashboards as Grafana's JSON model, the provisioning files beside them and the
/// kustomization that deploys them. What each panel shows against live data is DashboardQueriesTests' part.
/// </summary>
public sealed class GrafanaDashboardTests
{
    private const int GridColumns = 24;

    private static readonly string GrafanaDirectory = Path.Combine(RepositoryPaths.Root, "grafana");

    public static TheoryData<string> DashboardFiles => [.. GrafanaDashboard.All().Select(d => d.File)];

    [Fact]
    public void The_five_dashboards_are_there_with_their_own_uids()
    {
        var dashboards = GrafanaDashboard.All();

        Assert.Equal(["overview.json", "runtime.json", "sweep.json", "trial.json", "workers.json"], dashboards.Select(d => d.File));
        Assert.Equal(dashboards.Count, dashboards.Select(d => d.Uid).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(DashboardFiles))]
    public void A_dashboard_has_the_fields_grafana_requires_and_panels_with_their_own_ids(string file)
    {
        var dashboard = Load(file);
        var root = dashboard.Root;

        foreach (var field in new[] { "uid", "title", "tags", "timezone", "time" })
        {
            Assert.True(root.TryGetProperty(field, out _), $"{file}: no '{field}'");
        }

        Assert.True(root.GetProperty("schemaVersion").GetInt32() >= 36, $"{file}: schemaVersion {root.GetProperty("schemaVersion")}");
        Assert.Matches("^[A-Za-z0-9_-]{1,40}$", dashboard.Uid);
        Assert.NotEmpty(dashboard.Panels);
        foreach (var panel in dashboard.Panels)
        {
            var where = $"{file} panel '{panel.GetProperty("title").GetString()}'";
            Assert.True(panel.GetProperty("id").GetInt32() > 0, where);
            Assert.False(string.IsNullOrWhiteSpace(panel.GetProperty("type").GetString()), where);
            Assert.Equal("prometheus", panel.GetProperty("datasource").GetProperty("type").GetString());
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.NotEmpty(targets);
            Assert.All(targets, t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString()), where));
            Assert.Equal(targets.Count, targets.Select(t => t.GetProperty("refId").GetString()).Distinct(StringComparer.Ordinal).Count());
        }

        Assert.Equal(dashboard.Panels.Count, dashboard.Panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(DashboardFiles))]
    public void A_dashboard_s_panels_lie_inside_the_grid_and_none_overlaps_another(string file)
    {
        var boxes = Load(file).Panels.Select(p => (Title: p.GetProperty("title").GetString()!, Box: GridBox.Of(p.GetProperty("gridPos")))).ToList();

        Assert.All(boxes, b => Assert.True(b.Box is { X: >= 0, Y: >= 0, W: > 0, H: > 0 } && b.Box.X + b.Box.W <= GridColumns, $"{file}: '{b.Title}' at {b.Box}"));
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                Assert.False(boxes[i].Box.Overlaps(boxes[j].Box), $"{file}: '{boxes[i].Title}' {boxes[i].Box} overlaps '{boxes[j].Title}' {boxes[j].Box}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(DashboardFiles))]
    public void A_dashboard_defines_each_variable_before_it_is_used(string file)
    {
        var dashboard = Load(file);
        var defined = new HashSet<string>(GrafanaDashboard.BuiltInVariables, StringComparer.Ordinal);

        Assert.Equal("datasource", dashboard.Variables[0].Name);
        foreach (var variable in dashboard.Variables)
        {
            var used = variable.Query is null ? new HashSet<string>() : GrafanaDashboard.VariablesIn(variable.Query);
            Assert.True(used.IsSubsetOf(defined), $"{file}: variable '{variable.Name}' uses {string.Join(", ", used.Except(defined))} before it is defined");
            Assert.True(defined.Add(variable.Name), $"{file}: variable '{variable.Name}' defined twice");
        }

        foreach (var query in dashboard.Queries)
        {
            var used = GrafanaDashboard.VariablesIn(query.Expression);
            Assert.True(used.IsSubsetOf(defined), $"{file}: {query} uses undefined {string.Join(", ", used.Except(defined))}");
        }
    }

    [Fact]
    public void The_provisioned_datasource_has_the_uid_every_dashboard_selects_by_default()
    {
        var datasources = Yaml("provisioning", "datasources", "superconvergence.yaml")["datasources"];
        var datasource = Assert.Single(((YamlSequenceNode)datasources).Children);
        var uid = Scalar(datasource, "uid");

        Assert.Equal("prometheus", Scalar(datasource, "type"));
        Assert.All(GrafanaDashboard.All(), dashboard =>
        {
            var variable = dashboard.Root.GetProperty("templating").GetProperty("list").EnumerateArray().Single(v => v.GetProperty("type").GetString() == "datasource");
            Assert.Equal("prometheus", variable.GetProperty("query").GetString());
            Assert.Equal(uid, variable.GetProperty("current").GetProperty("value").GetString());
        });
    }

    [Fact]
    public void The_dashboard_provider_and_the_kustomization_deploy_exactly_the_dashboards_in_the_folder()
    {
        var provider = Assert.Single(((YamlSequenceNode)Yaml("provisioning", "dashboards", "superconvergence.yaml")["providers"]).Children);
        var kustomization = Yaml("kustomization.yaml");
        var generated = ((YamlSequenceNode)kustomization["configMapGenerator"]).Children
            .SelectMany(map => ((YamlSequenceNode)((YamlMappingNode)map)["files"]).Children.Select(f => ((YamlScalarNode)f).Value!))
            .ToList();
        var dashboards = GrafanaDashboard.All().Select(d => $"dashboards/{d.File}");

        Assert.Equal("file", Scalar(provider, "type"));
        Assert.StartsWith("/", Scalar((YamlMappingNode)((YamlMappingNode)provider)["options"], "path"));
        Assert.All(generated, f => Assert.True(File.Exists(Path.Combine(GrafanaDirectory, f)), $"kustomization names {f}, which is not in grafana/"));
        Assert.Equal(dashboards.Order(StringComparer.Ordinal), generated.Where(f => f.StartsWith("dashboards/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains("provisioning/datasources/superconvergence.yaml", generated);
        Assert.Contains("provisioning/dashboards/superconvergence.yaml", generated);
    }

    [Fact]
    public void Kubernetes_deploys_the_grafana_folder_itself_and_keeps_no_copy()
    {
        var resources = ((YamlSequenceNode)Yaml(Path.Combine("..", "k8s", "base", "kustomization.yaml"))["resources"]).Children.Select(r => ((YamlScalarNode)r).Value);

        Assert.Contains("../../grafana", resources);
        Assert.Empty(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "k8s"), "*.json", SearchOption.AllDirectories));
    }

    [Fact]
    public void Every_sc_metric_the_dashboards_query_is_one_the_silo_exports_and_every_one_it_exports_is_shown()
    {
        var exported = ExportedMetrics.Instruments();
        var names = exported.SelectMany(i => i.PrometheusNames).ToHashSet(StringComparer.Ordinal);
        var queried = GrafanaDashboard.All().SelectMany(d => d.Queries.Select(q => (Where: $"{d.File}: {q}", Metrics: PromQlMetricNames.Of(q.Expression))))
            .Concat(GrafanaDashboard.All().SelectMany(d => d.Variables.Where(v => v.Query is not null).Select(v =>
                (Where: $"{d.File}: variable '{v.Name}'", Metrics: (IReadOnlySet<string>)(PromQlMetricNames.OfLabelValues(v.Query!) is { } m ? new HashSet<string> { m } : [])))))
            .ToList();

        foreach (var (where, metrics) in queried)
        {
            Assert.True(metrics.Count > 0, $"{where}: no metric name found");
            var unknown = metrics.Where(m => m.StartsWith("sc_", StringComparison.Ordinal) && !names.Contains(m)).ToList();
            Assert.True(unknown.Count == 0, $"{where}: {string.Join(", ", unknown)} is not exported by the silo");
        }

        var shown = queried.SelectMany(q => q.Metrics).ToHashSet(StringComparer.Ordinal);
        var hidden = exported.Where(i => !i.PrometheusNames.Any(shown.Contains)).Select(i => i.Name).ToList();
        Assert.True(hidden.Count == 0, $"no panel shows {string.Join(", ", hidden)}");
    }

    [Fact]
    public void The_metric_names_of_an_expression_leave_out_functions_labels_ranges_groupings_and_numbers()
    {
        var names = PromQlMetricNames.Of("histogram_quantile(0.9, sum by (le) (rate(sc_trial_acuracy_bucket{kind=\"train\", sweep_id=~\"$sweep\"}[5m]))) * 1e2 / on (job) group_left up");

        Assert.Equal(["sc_trial_acuracy_bucket", "up"], names.Order());
        Assert.Equal("sc_trial_config", PromQlMetricNames.OfLabelValues("label_values(sc_trial_config{sweep=\"$sweep\"}, trial)"));
    }

    [Fact]
    public void Variables_are_found_in_each_of_grafana_s_spellings_and_substituted()
    {
        const string expression = "rate(x{a=\"$sweep\", b=\"${trial}\", c=\"[[slot]]\"}[$__rate_interval])";

        Assert.Equal(["__rate_interval", "slot", "sweep", "trial"], GrafanaDashboard.VariablesIn(expression).Order(StringComparer.Ordinal));
        Assert.Equal(
            "rate(x{a=\"s1\", b=\"t1\", c=\"w/0\"}[5s])",
            GrafanaDashboard.Substitute(expression, new Dictionary<string, string> { ["sweep"] = "s1", ["trial"] = "t1", ["slot"] = "w/0", ["__rate_interval"] = "5s" }));
        Assert.Throws<UndefinedVariableException>(() => GrafanaDashboard.Substitute(expression, new Dictionary<string, string>()));
    }

    private static GrafanaDashboard Load(string file) => GrafanaDashboard.All().Single(d => d.File == file);

    private static YamlMappingNode Yaml(params string[] path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine([GrafanaDirectory, .. path]));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlNode map, string key) => ((YamlScalarNode)((YamlMappingNode)map)[key]).Value!;

    private readonly record struct GridBox(int X, int Y, int W, int H)
    {
        public static GridBox Of(JsonElement gridPos) =>
            new(gridPos.GetProperty("x").GetInt32(), gridPos.GetProperty("y").GetInt32(), gridPos.GetProperty("w").GetInt32(), gridPos.GetProperty("h").GetInt32());

        public bool Overlaps(GridBox other) => X < other.X + other.W && other.X < X + W && Y < other.Y + other.H && other.Y < Y + H;
    }
}
