using System.Globalization;
using System.Text.Json;
using SuperConvergence.Cli.Embedded;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// The query commands on a finished embedded sweep with no cluster configured: they read the data directory's store,
/// starting nothing, and print exactly what the same commands print against a cluster started on that directory.
/// </summary>
public sealed class StoreQueryTests(FinishedSweepStore store) : IClassFixture<FinishedSweepStore>
{
    private const string UnknownSweep = "no-such-sweep-20261201-000000-0000";

    [Fact]
    public async Task The_status_read_from_the_store_is_the_runs_final_status()
    {
        var status = await Query("sweep", "status", store.SweepId, "--limit", "100000", "--format", "json");

        Assert.Equal(store.RunOutput, status.Out);
    }

    [Fact]
    public async Task Best_and_export_from_the_store_hold_the_runs_trials_and_accuracies()
    {
        var run = JsonDocument.Parse(store.RunOutput).RootElement.GetProperty("trials").EnumerateArray()
            .ToDictionary(t => t.GetProperty("trialId").GetString()!, t => t.GetProperty("accuracy"));
        var trained = run.Where(t => t.Value.ValueKind == JsonValueKind.Number).OrderByDescending(t => t.Value.GetDouble()).ToList();

        var best = JsonDocument.Parse((await Query("sweep", "best", store.SweepId, "--top", "3", "--format", "json")).Out).RootElement.EnumerateArray().ToList();
        var exported = JsonDocument.Parse((await Query("sweep", "export", store.SweepId, "--format", "json")).Out).RootElement.EnumerateArray().ToList();
        var csv = (await Query("sweep", "export", store.SweepId, "--format", "csv")).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, best.Count);
        Assert.Equal(trained.Take(3).Select(t => t.Value.GetDouble()), best.Select(b => b.GetProperty("accuracy").GetDouble()));
        Assert.Equal(trained[0].Key, best[0].GetProperty("trialId").GetString());
        Assert.Equal(run.Keys, exported.Select(t => t.GetProperty("trialId").GetString()!));
        Assert.Equal(run.Count + 1, csv.Length);
        Assert.All(trained, t => Assert.Contains(csv, line => line.StartsWith(t.Key + ",", StringComparison.Ordinal) && line.Contains("," + t.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture) + ",", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Every_query_prints_what_the_live_cluster_prints_even_while_the_cluster_owns_the_directory()
    {
        var ct = TestContext.Current.CancellationToken;
        var best = JsonDocument.Parse((await Query("sweep", "best", store.SweepId, "--format", "json")).Out).RootElement[0].GetProperty("trialId").GetString()!;
        var rangeTest = $"{store.SweepId}-000001";
        string[][] queries =
        [
            ["sweep", "status", store.SweepId],
            ["sweep", "status", store.SweepId, "--format", "json"],
            ["sweep", "status", store.SweepId, "--format", "csv"],
            ["sweep", "status", store.SweepId, "--offset", "5", "--limit", "7", "--format", "json"],
            ["sweep", "best", store.SweepId],
            ["sweep", "best", store.SweepId, "--top", "3", "--format", "json"],
            ["sweep", "best", store.SweepId, "--format", "csv"],
            ["sweep", "export", store.SweepId],
            ["sweep", "export", store.SweepId, "--format", "json"],
            ["sweep", "list"],
            ["sweep", "list", "--format", "json"],
            ["sweep", "list", "--format", "csv"],
            ["trial", "show", rangeTest],
            ["trial", "show", rangeTest, "--format", "json"],
            ["trial", "show", best],
            ["trial", "show", best, "--format", "json"],
            ["trial", "show", best, "--format", "csv"],
        ];

        // The cluster owns the directory (its lock, its SQLite connections) while the store is read beside it.
        await using var cluster = await EmbeddedCluster.StartAsync(slots: 1, store.DataDirectory, ct);
        var gateway = $"127.0.0.1:{cluster.Settings.GatewayPort.ToString(CultureInfo.InvariantCulture)}";
        foreach (var query in queries)
        {
            var fromStore = await Query(query);
            var fromCluster = await CliRunner.RunAsync([.. query, "--gateway", gateway]);

            Assert.True(fromCluster.ExitCode == ExitCodes.Ok, $"{string.Join(' ', query)} --gateway: {fromCluster.Error}");
            Assert.True(fromCluster.Out == fromStore.Out, $"{string.Join(' ', query)}: the store printed\n{fromStore.Out}\nthe cluster\n{fromCluster.Out}");
        }

        using var reports = new TemporaryDirectory("sc-store-report");
        var fromStoreReport = await Query("report", store.SweepId, "--out", reports.File("store"));
        var fromClusterReport = await CliRunner.RunAsync("report", store.SweepId, "--out", reports.File("cluster"), "--gateway", gateway);
        Assert.True(fromClusterReport.ExitCode == ExitCodes.Ok, fromClusterReport.Error);
        Assert.Equal(fromClusterReport.Out.Replace(reports.File("cluster"), "DIR", StringComparison.Ordinal), fromStoreReport.Out.Replace(reports.File("store"), "DIR", StringComparison.Ordinal));
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(reports.File("cluster"), "report.md"), ct),
            await File.ReadAllTextAsync(Path.Combine(reports.File("store"), "report.md"), ct));
    }

    [Fact]
    public async Task A_cluster_running_on_the_directory_goes_on_writing_while_its_store_is_read()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TemporaryDirectory("sc-store-owned");
        await using var cluster = await EmbeddedCluster.StartAsync(slots: 1, data.Path, ct);
        var gateway = $"127.0.0.1:{cluster.Settings.GatewayPort.ToString(CultureInfo.InvariantCulture)}";
        var spec = Path.Combine(Repository.Root(), "examples", "simulated-grid.yaml");

        var first = await Submit(spec, gateway);
        var listed = await CliRunner.RunAsync("sweep", "list", "--format", "json", "--data-dir", data.Path);
        var second = await Submit(spec, gateway);
        var listedAgain = await CliRunner.RunAsync("sweep", "list", "--format", "json", "--data-dir", data.Path);
        var status = await CliRunner.RunAsync("sweep", "status", second, "--format", "json", "--data-dir", data.Path);

        // The owner's writes after a read went through, and the next read sees them.
        Assert.True(listed.ExitCode == ExitCodes.Ok, listed.Error);
        Assert.Contains(first, listed.Out, StringComparison.Ordinal);
        Assert.Contains(first, listedAgain.Out, StringComparison.Ordinal);
        Assert.Contains(second, listedAgain.Out, StringComparison.Ordinal);
        Assert.True(status.ExitCode == ExitCodes.Ok, status.Error);
        Assert.Equal(second, JsonDocument.Parse(status.Out).RootElement.GetProperty("sweepId").GetString());
        var live = await CliRunner.RunAsync("sweep", "status", first, "--format", "json", "--gateway", gateway);
        Assert.True(live.ExitCode == ExitCodes.Ok, live.Error);
    }

    [Fact]
    public async Task With_no_cluster_configured_the_commands_read_the_default_data_directory()
    {
        using var config = new TemporaryDirectory("sc-no-config");
        var environment = new Dictionary<string, string>
        {
            ["SC_DATA"] = store.DataDirectory,
            ["SC_POSTGRES"] = "",
            ["SC_GATEWAY"] = "",
            ["XDG_CONFIG_HOME"] = config.Path,
        };

        var best = await ScProcess.RunAsync(environment, TestContext.Current.CancellationToken, "sweep", "best", store.SweepId, "--format", "json");

        Assert.True(best.ExitCode == ExitCodes.Ok, best.AllOutput);
        Assert.Equal((await Query("sweep", "best", store.SweepId, "--format", "json")).Out, best.StandardOutput);
    }

    [Fact]
    public void The_json_run_keeps_stdout_pure_json_and_prints_no_query_line()
    {
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(store.RunOutput).RootElement.ValueKind);
        Assert.DoesNotContain("query it", store.RunError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_run_ends_with_the_command_that_queries_what_it_left()
    {
        using var data = new TemporaryDirectory("sc-store-table");
        var specFile = data.File("spec.yaml");
        await File.WriteAllTextAsync(specFile, """
            name: store-query
            dataset: synthetic
            model: simulated
            trainer: simulated
            searchSpace:
              maxLr: {min: 0.01, max: 1}
              weightDecay: [5e-4]
              batchSize: [128]
              cycleEpochs: [1]
            strategy: grid
            budget: {trialEpochs: 3, maxTrials: 3}
            maxConcurrentTrials: 3
            seed: 7
            """, TestContext.Current.CancellationToken);
        var directory = data.File("store");

        var run = await CliRunner.RunAsync("sweep", "run", specFile, "--data-dir", directory);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        var last = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.StartsWith("query it: sc sweep best store-query-", last);
        Assert.EndsWith($" --data-dir {directory}", last);
        var printed = await CliRunner.RunAsync(last["query it: sc ".Length..].Split(' '));
        Assert.True(printed.ExitCode == ExitCodes.Ok, printed.Error);
        // The run's stdout ends with the best table; the printed command prints that table again.
        Assert.NotEmpty(printed.Out);
        Assert.EndsWith(printed.Out, run.Out, StringComparison.Ordinal);
    }

    public static TheoryData<string[]> SweepQueries => new()
    {
        new[] { "sweep", "status", UnknownSweep },
        new[] { "sweep", "best", UnknownSweep },
        new[] { "sweep", "export", UnknownSweep },
        new[] { "sweep", "status", UnknownSweep, "--format", "json" },
        new[] { "report", UnknownSweep, "--out", Path.Combine(Path.GetTempPath(), "sc-store-never-written") },
    };

    [Theory]
    [MemberData(nameof(SweepQueries))]
    public async Task A_sweep_the_store_does_not_hold_is_not_found_naming_the_directory(string[] command)
    {
        var outcome = await Query(command, expectOk: false);

        AssertOneError(outcome, ExitCodes.NotFound, $"error: sweep '{UnknownSweep}' not found in --data-dir '{store.DataDirectory}'", $"sc sweep list --data-dir {store.DataDirectory}");
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), "sc-store-never-written")));
    }

    [Fact]
    public async Task A_trial_the_store_does_not_hold_is_not_found_naming_the_directory()
    {
        var outcome = await Query(["trial", "show", $"{store.SweepId}-999999"], expectOk: false);

        AssertOneError(outcome, ExitCodes.NotFound, $"error: trial '{store.SweepId}-999999' not found in --data-dir '{store.DataDirectory}'", "sc sweep status ID --data-dir");
    }

    public static TheoryData<string[]> AllQueries => new()
    {
        new[] { "sweep", "status", "s-20261201-000000-0000" },
        new[] { "sweep", "best", "s-20261201-000000-0000" },
        new[] { "sweep", "export", "s-20261201-000000-0000" },
        new[] { "sweep", "list" },
        new[] { "trial", "show", "s-20261201-000000-0000-000001" },
        new[] { "report", "s-20261201-000000-0000", "--out", Path.Combine(Path.GetTempPath(), "sc-store-never-written") },
    };

    [Theory]
    [MemberData(nameof(AllQueries))]
    public async Task A_directory_without_a_store_is_bad_input_naming_the_flag_and_stays_as_it_was(string[] command)
    {
        using var empty = new TemporaryDirectory("sc-store-empty");
        var missing = Path.Combine(empty.Path, "missing");

        var inEmpty = await CliRunner.RunAsync([.. command, "--data-dir", empty.Path]);
        var inMissing = await CliRunner.RunAsync([.. command, "--data-dir", missing]);

        AssertOneError(inEmpty, ExitCodes.BadInput, $"error: --data-dir: '{empty.Path}' holds no sweeps (no superconvergence.db an embedded cluster wrote)", "sc sweep run SPEC --data-dir");
        AssertOneError(inMissing, ExitCodes.BadInput, $"error: --data-dir: '{missing}' holds no sweeps (no superconvergence.db an embedded cluster wrote)", "--postgres or --gateway");
        Assert.Empty(Directory.EnumerateFileSystemEntries(empty.Path));
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), "sc-store-never-written")));
    }

    [Fact]
    public async Task A_data_directory_and_a_cluster_together_are_bad_input()
    {
        var outcome = await CliRunner.RunAsync("sweep", "list", "--data-dir", store.DataDirectory, "--gateway", "127.0.0.1:30000");

        AssertOneError(outcome, ExitCodes.BadInput, $"error: --data-dir: '{store.DataDirectory}' cannot be combined with --gateway: choose one", "--data-dir reads");
    }

    private Task<CliRunner.Outcome> Query(params string[] command) => Query(command, expectOk: true);

    private async Task<CliRunner.Outcome> Query(string[] command, bool expectOk)
    {
        var outcome = await CliRunner.RunAsync([.. command, "--data-dir", store.DataDirectory]);
        if (expectOk)
        {
            Assert.True(outcome.ExitCode == ExitCodes.Ok, $"{string.Join(' ', command)} --data-dir: exit {outcome.ExitCode}: {outcome.Error}");
        }

        return outcome;
    }

    private static async Task<string> Submit(string spec, string gateway)
    {
        var submitted = await CliRunner.RunAsync("sweep", "submit", spec, "--format", "json", "--gateway", gateway);
        Assert.True(submitted.ExitCode == ExitCodes.Ok, submitted.Error);
        return JsonDocument.Parse(submitted.Out).RootElement.GetProperty("sweepId").GetString()!;
    }

    private static void AssertOneError(CliRunner.Outcome outcome, int exitCode, string error, string hint)
    {
        Assert.True(outcome.ExitCode == exitCode, $"exit {outcome.ExitCode}: {outcome.Error}");
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(error, lines[0]);
        Assert.StartsWith("hint: ", lines[1]);
        Assert.Contains(hint, lines[1], StringComparison.Ordinal);
        Assert.Equal("", outcome.Out);
    }
}
