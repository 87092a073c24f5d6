using System.Text.Json;
using SuperConvergence.Silo.Tests.Support;

namespace SuperConvergence.Silo.Tests.Dashboards;

public sealed class GrafanaDashboardTests
{
    // Prometheus's own series about its targets, not the silo's.
    private static readonly HashSet<string> ScrapeSeries = new(StringComparer.Ordinal) { "up" };

    private static readonly string DashboardPath = Path.Combine(RepositoryPaths.Root, "grafana", "superconvergence.json");

    private static readonly string KustomizeCopyPath = Path.Combine(RepositoryPaths.Root, "k8s", "base", "grafana-dashboard.json");

    [Fact]
    public void The_kubernetes_config_map_deploys_the_dashboard_unchanged()
    {
        // kustomize reads no file outside its folder, so k8s/base holds a copy.
        Assert.Equal(File.ReadAllText(DashboardPath), File.ReadAllText(KustomizeCopyPath));
    }

    [Fact]
    public void Every_panel_reads_the_templated_prometheus_datasource_and_has_its_own_id()
    {
        using var dashboard = Load();
        var root = dashboard.RootElement;
        var panels = root.GetProperty("panels").EnumerateArray().ToList();

        Assert.Contains(root.GetProperty("templating").GetProperty("list").EnumerateArray(), v => v.GetProperty("type").GetString() == "datasource" && v.GetProperty("name").GetString() == "datasource");
        Assert.All(panels, p => Assert.Equal("${datasource}", p.GetProperty("datasource").GetProperty("uid").GetString()));
        Assert.All(panels, p => Assert.NotEmpty(p.GetProperty("targets").EnumerateArray()));
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
    }

    [Fact]
    public void Every_metric_the_dashboard_queries_is_one_the_silo_exports_and_every_one_it_exports_is_shown()
    {
        using var dashboard = Load();
        var exported = ExportedMetrics.Instruments();
        var names = exported.SelectMany(i => i.PrometheusNames).ToHashSet(StringComparer.Ordinal);
        var queried = Queries(dashboard.RootElement).ToList();

        foreach (var (where, metrics) in queried)
        {
            Assert.True(metrics.Count > 0, $"{where}: no metric name found");
            var unknown = metrics.Where(m => !names.Contains(m) && !ScrapeSeries.Contains(m)).ToList();
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
    }

    private static JsonDocument Load() => JsonDocument.Parse(File.ReadAllText(DashboardPath));

    /// <summary>Each panel target's expression and each query variable's label_values, with the metrics it reads.</summary>
    private static IEnumerable<(string Where, IReadOnlySet<string> Metrics)> Queries(JsonElement root)
    {
        foreach (var panel in root.GetProperty("panels").EnumerateArray())
        {
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                var expr = target.GetProperty("expr").GetString()!;
                yield return ($"panel '{panel.GetProperty("title").GetString()}' target {target.GetProperty("refId").GetString()} ({expr})", PromQlMetricNames.Of(expr));
            }
        }

        foreach (var variable in root.GetProperty("templating").GetProperty("list").EnumerateArray().Where(v => v.GetProperty("type").GetString() == "query"))
        {
            var query = variable.GetProperty("query");
            var text = query.ValueKind == JsonValueKind.Object ? query.GetProperty("query").GetString()! : query.GetString()!;
            var metric = PromQlMetricNames.OfLabelValues(text);
            yield return ($"variable '{variable.GetProperty("name").GetString()}' ({text})", metric is null ? new HashSet<string>() : new HashSet<string> { metric });
        }
    }
}
