using System.Globalization;
using System.Text.Json;
using SuperConvergence.Cli.Embedded;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// `sc sweep run examples/simulated-quick.yaml --format json` from start to end on the embedded cluster, then the
/// client commands against the sweep it left in its data directory.
/// </summary>
public sealed class SweepRunEndToEndTests
{
    [Fact]
    public async Task The_quick_example_runs_to_completion_and_prints_the_status_contract()
    {
        using var data = new TemporaryDirectory("sc-e2e");
        var spec = Path.Combine(Repository.Root(), "examples", "simulated-quick.yaml");

        var run = await CliRunner.RunAsync("sweep", "run", spec, "--format", "json", "--data-dir", data.Path);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        var status = JsonDocument.Parse(run.Out).RootElement;
        var sweepId = status.GetProperty("sweepId").GetString()!;
        Assert.StartsWith("simulated-quick-", sweepId);
        Assert.Equal("simulated-quick", status.GetProperty("name").GetString());
        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.True(status.GetProperty("round").GetInt32() >= 1, "an adaptive sweep narrows at least once");
        // The simulated curves fall well past the signal margin: the first bounds come from them.
        Assert.Equal("range tests", status.GetProperty("boundsSource").GetString());
        var first = status.GetProperty("history")[0];
        Assert.Equal(0, first.GetProperty("round").GetInt32());
        Assert.True(first.GetProperty("max").GetDouble() / first.GetProperty("min").GetDouble() < 1e4 / 1.01, "range tests narrow the spec's four decades");
        var (min, max) = (status.GetProperty("bounds").GetProperty("min").GetDouble(), status.GetProperty("bounds").GetProperty("max").GetDouble());
        Assert.True(0.001 <= min && min < max && max <= 10, $"bounds {min} … {max} outside the spec's 0.001 … 10");

        var trials = status.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(status.GetProperty("totalTrials").GetInt32(), trials.Count);
        Assert.Equal(trials.Count, status.GetProperty("counts").EnumerateObject().Sum(c => c.Value.GetInt32()));
        Assert.All(trials, t =>
        {
            Assert.StartsWith($"{sweepId}-", t.GetProperty("trialId").GetString());
            var config = t.GetProperty("config");
            foreach (var field in new[] { "maxLr", "minLr", "weightDecay", "batchSize", "cycleEpochs" })
            {
                Assert.True(config.TryGetProperty(field, out _), $"config lacks {field}");
            }

            Assert.Contains(config.GetProperty("batchSize").GetInt32(), new[] { 128, 512 });
        });
        var rangeTests = trials.Where(t => t.GetProperty("kind").GetString() == "range-test").ToList();
        var training = trials.Where(t => t.GetProperty("kind").GetString() == "train" && t.GetProperty("state").GetString() == "completed").ToList();
        Assert.NotEmpty(rangeTests);
        Assert.All(rangeTests, t => Assert.Equal(JsonValueKind.Null, t.GetProperty("config").GetProperty("maxLr").ValueKind));
        Assert.NotEmpty(training);
        Assert.All(training, t =>
        {
            var accuracy = t.GetProperty("accuracy").GetDouble();
            Assert.InRange(accuracy, 0.0, 1.0);
            Assert.InRange(t.GetProperty("config").GetProperty("maxLr").GetDouble(), 0.001, 10);
            Assert.Contains(t.GetProperty("config").GetProperty("cycleEpochs").GetInt32(), new[] { 1, 2, 4 });
        });

        await ClientCommandsOnTheFinishedSweep(data, sweepId, run.Out);
    }

    /// <summary>The sweep stays in the data directory's database: a cluster started on it again answers for it.</summary>
    private static async Task ClientCommandsOnTheFinishedSweep(TemporaryDirectory data, string sweepId, string runJson)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await EmbeddedCluster.StartAsync(slots: 1, data.Path, ct);
        var gateway = $"127.0.0.1:{cluster.Settings.GatewayPort.ToString(CultureInfo.InvariantCulture)}";

        var status = await CliRunner.RunAsync("sweep", "status", sweepId, "--limit", "100000", "--format", "json", "--gateway", gateway);
        Assert.True(status.ExitCode == ExitCodes.Ok, status.Error);
        Assert.Equal(runJson, status.Out);

        var once = await CliRunner.RunAsync("sweep", "watch", sweepId, "--once", "--format", "json", "--gateway", gateway);
        var firstPage = await CliRunner.RunAsync("sweep", "status", sweepId, "--format", "json", "--gateway", gateway);
        Assert.True(once.ExitCode == ExitCodes.Ok, once.Error);
        Assert.Equal(firstPage.Out, once.Out);

        var list = await CliRunner.RunAsync("sweep", "list", "--format", "csv", "--gateway", gateway);
        Assert.Contains($"{sweepId},simulated-quick,completed,", list.Out);

        var report = data.File("report");
        var written = await CliRunner.RunAsync("report", sweepId, "--out", report, "--gateway", gateway);
        Assert.True(written.ExitCode == ExitCodes.Ok, written.Error);
        Assert.True(File.Exists(Path.Combine(report, "range-tests.png")));
        Assert.Contains("## Best configurations", await File.ReadAllTextAsync(Path.Combine(report, "report.md"), ct));

        // A directory that cannot be made is an unexpected I/O failure: one line of cause, a hint, exit 1.
        var blocker = data.File("blocker");
        await File.WriteAllTextAsync(blocker, "a file where a directory would go", ct);
        var refused = await CliRunner.RunAsync("report", sweepId, "--out", Path.Combine(blocker, "report"), "--gateway", gateway);
        Assert.Equal(ExitCodes.Failure, refused.ExitCode);
        var lines = refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains("blocker", lines[0]);
        Assert.StartsWith("hint: ", lines[1]);
        Assert.Contains("writable", lines[1]);
    }
}
