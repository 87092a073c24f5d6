using System.Globalization;
using System.Text.RegularExpressions;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Silo.Tests.Hosting;
using SuperConvergence.Silo.Tests.Support;
using SuperConvergence.Testing.Servers;
using SuperConvergence.Training.Runtime;

namespace SuperConvergence.Silo.Tests.Dashboards;

/// <summary>
/// Every panel proven with data: Debian's Prometheus scrapes a live cluster (a coordinator and two worker silos on the
/// test PostgreSQL) while a simulated sweep runs and one worker leaves mid-trial; then every dashboard variable gets a
/// live value from Prometheus (its own label_values query) and every panel expression is evaluated over the sweep's
/// time range through Prometheus' HTTP API, as Grafana would. Any expression Prometheus rejects, or that returns no
/// series, fails the test.
/// </summary>
public sealed partial class DashboardQueriesTests
{
    private const string SweepId = "dashboards1";

    // Two cells (weight decays), so two range tests run at once; 2 s epochs, so each running trial's gauges are scraped
    // (every second) several times before its attempt ends.
    private const string Spec = """
        name: dashboards
        dataset: synthetic
        model: simulated
        trainer: {kind: simulated, epochSeconds: 2.0}
        searchSpace:
          maxLr: {min: 0.001, max: 10}
          weightDecay: [1e-4, 5e-4]
          batchSize: [128]
          cycleEpochs: [3]
        rangeTest: {iterations: 200, startLr: 1e-5, endLr: 10, seeds: 1}
        strategy: adaptive
        budget: {trialEpochs: 24, maxTrials: 10}
        maxConcurrentTrials: 4
        seed: 7
        """;

    [Fact]
    public async Task Every_panel_of_every_dashboard_returns_series_from_a_live_cluster_running_a_sweep()
    {
        var ct = TestContext.Current.CancellationToken;
        TestPrometheus.RequireBinary();
        var postgres = await TestPostgres.CreateDatabaseAsync("sc_dashboards", ct);
        await using var coordinator = await ClusterSilo.StartAsync(SiloRole.Coordinator, "coord", postgres, slots: 1, ct);
        await using var workerA = await ClusterSilo.StartAsync(SiloRole.Worker, "wa", postgres, slots: 2, ct);
        await using var workerB = await ClusterSilo.StartAsync(SiloRole.Worker, "wb", postgres, slots: 2, ct);
        await using var prometheus = await TestPrometheus.StartAsync(
            "superconvergence",
            [
                new ScrapeTargetGroup([coordinator.MetricsTarget], new Dictionary<string, string> { ["app_kubernetes_io_component"] = "coordinator" }),
                new ScrapeTargetGroup([workerA.MetricsTarget, workerB.MetricsTarget], new Dictionary<string, string> { ["app_kubernetes_io_component"] = "worker" }),
            ],
            ct);
        await prometheus.WaitForAsync("count(up == 1)", v => v == 3, TimeSpan.FromSeconds(30), ct);
        var start = DateTimeOffset.UtcNow;

        var sweep = coordinator.Grains.GetGrain<ISweepGrain>(SweepId);
        await sweep.Start(Spec);

        // Worker B leaves once a training trial of its has recorded an epoch (and so a checkpoint): the queue requeues
        // the lease and worker A resumes the trial from the checkpoint, which the loss panels need to show.
        await PollAsync(sweep, s => s.Trials.Any(t => t.State == TrialState.Running && t.Proposal.Kind == TrialKind.Train && t.EpochsCompleted >= 1 && t.Worker?.StartsWith("wb/", StringComparison.Ordinal) == true), ct);
        await workerB.DisposeAsync();
        var final = await PollAsync(sweep, s => s.State != SweepState.Running, ct);

        Assert.Equal(SweepState.Completed, final.State);
        Assert.Contains(final.Trials, t => t.Attempts > 1 && t.ResumedFromEpoch is not null);

        // Prometheus has scraped the sweep's end once its final count is in.
        var completed = final.Counts[TrialState.Completed];
        await prometheus.WaitForAsync($"sc_sweep_trials{{sweep_id=\"{SweepId}\",state=\"completed\"}}", v => v == completed, TimeSpan.FromSeconds(30), ct);

        // Rates need two samples of a counter: the panels are looked at a few scrapes after the last events, as an
        // operator's Grafana would be.
        var ended = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await prometheus.WaitForAsync($"min(timestamp(up{{instance=\"{coordinator.MetricsTarget}\"}}))", t => t >= ended + 5, TimeSpan.FromSeconds(30), ct);
        var end = DateTimeOffset.UtcNow;

        var failures = new List<string>();
        var evaluated = 0;
        foreach (var dashboard in GrafanaDashboard.All())
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                // What Grafana substitutes for a 1 s scrape interval over the test's time range.
                ["__rate_interval"] = "4s",
                ["__interval"] = "1s",
                ["__range"] = string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Ceiling((end - start).TotalSeconds)}s"),
            };
            foreach (var variable in dashboard.Variables)
            {
                if (variable.Type == "datasource")
                {
                    values[variable.Name] = "superconvergence-prometheus";
                    continue;
                }

                var (selector, label) = LabelValuesQuery(GrafanaDashboard.Substitute(variable.Query!, values));
                var live = await prometheus.LabelValuesAsync(label, selector, start, end, ct);
                if (live.Count == 0)
                {
                    failures.Add($"{dashboard.File}: variable '{variable.Name}' ({variable.Query}) has no values");
                    break;
                }

                // The sweep variables must offer the test's sweep; any live value of the others will do.
                values[variable.Name] = live.Contains(SweepId) ? SweepId : live[0];
            }

            foreach (var query in dashboard.Queries)
            {
                var expression = GrafanaDashboard.Substitute(query.Expression, values);
                var result = await prometheus.QueryRangeAsync(expression, start, end, TimeSpan.FromSeconds(1), ct);
                evaluated++;
                if (result.Error is not null || (result.Series == 0 && !NeedsAbsentGpu(query.Expression)))
                {
                    failures.Add($"{dashboard.File}: {query} as {expression}: {result.Error ?? "no series"}; its metrics: {await SeriesCountsAsync(prometheus, query.Expression, start, end, ct)}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {evaluated} expressions failed:\n{string.Join('\n', failures)}");
        Assert.True(evaluated >= 40, $"only {evaluated} expressions");
    }

    /// <summary>
    /// Whether the expression reads only what GPU workers export while this machine has no GPU the driver reports:
    /// then it must still be valid PromQL, but no silo here can give it series. On a GPU machine it must return series
    /// like every other.
    /// </summary>
    private static bool NeedsAbsentGpu(string expression)
    {
        var metrics = PromQlMetricNames.Of(expression);
        if (metrics.Count == 0 || !metrics.All(m => m.StartsWith("sc_worker_gpu_", StringComparison.Ordinal)))
        {
            return false;
        }

        using var gpus = NvmlGpuMemoryReader.Open();
        return gpus is null;
    }

    /// <summary>For a failure's message: how many series each metric of the expression has over the time range.</summary>
    private static async Task<string> SeriesCountsAsync(TestPrometheus prometheus, string expression, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var counts = new List<string>();
        foreach (var metric in PromQlMetricNames.Of(expression))
        {
            var result = await prometheus.QueryRangeAsync(metric, start, end, TimeSpan.FromSeconds(1), ct);
            counts.Add($"{metric}: {result.Series}");
        }

        return string.Join(", ", counts);
    }

    private static (string Selector, string Label) LabelValuesQuery(string query)
    {
        var match = LabelValues().Match(query);
        Assert.True(match.Success, $"not a label_values(selector, label) query: {query}");
        return (match.Groups[1].Value, match.Groups[2].Value);
    }

    /// <summary>Polls the sweep's status (the grain announces no event a test could await) for up to three minutes.</summary>
    private static async Task<SweepStatus> PollAsync(ISweepGrain sweep, Func<SweepStatus, bool> done, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var status = await sweep.GetStatus(0, 1000);
            if (done(status))
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"sweep {SweepId} still {status.State} after 3 min: {string.Join(", ", status.Counts.Select(c => $"{c.Key}={c.Value}"))}");
            await Task.Delay(100, ct);
        }
    }

    [GeneratedRegex(@"^\s*label_values\(\s*(.+)\s*,\s*(\w+)\s*\)\s*$")]
    private static partial Regex LabelValues();
}
