using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>Asking a running cluster about a sweep or trial it does not know is "not found": exit 3, one line, a hint.</summary>
[Collection(EmbeddedClusterCollection.Name)]
public sealed class NotFoundTests(EmbeddedClusterFixture cluster)
{
    private const string UnknownSweep = "no-such-sweep-20261201-000000-0000";

    public static TheoryData<string[]> SweepQueries => new()
    {
        new[] { "sweep", "status", UnknownSweep },
        new[] { "sweep", "best", UnknownSweep },
        new[] { "sweep", "cancel", UnknownSweep },
        new[] { "sweep", "export", UnknownSweep },
        new[] { "sweep", "watch", UnknownSweep, "--once" },
        new[] { "sweep", "status", UnknownSweep, "--format", "json" },
    };

    [Theory]
    [MemberData(nameof(SweepQueries))]
    public async Task An_unknown_sweep_is_not_found_with_exit_3(string[] command)
    {
        var outcome = await CliRunner.RunAsync([.. command, "--gateway", cluster.Gateway]);

        AssertNotFound(outcome, $"error: sweep '{UnknownSweep}' not found", "sc sweep list");
    }

    [Fact]
    public async Task An_unknown_trial_is_not_found_with_exit_3()
    {
        var outcome = await CliRunner.RunAsync("trial", "show", $"{UnknownSweep}-000001", "--gateway", cluster.Gateway);

        AssertNotFound(outcome, $"error: trial '{UnknownSweep}-000001' not found", "sc sweep status");
    }

    [Fact]
    public async Task An_unknown_trial_is_not_found_by_watch_either()
    {
        var outcome = await CliRunner.RunAsync("trial", "watch", $"{UnknownSweep}-000001", "--gateway", cluster.Gateway);

        AssertNotFound(outcome, $"error: trial '{UnknownSweep}-000001' not found", "sc sweep status");
    }

    [Fact]
    public async Task A_report_of_an_unknown_sweep_is_not_found_and_writes_nothing()
    {
        using var directory = new TemporaryDirectory("sc-report");
        var output = directory.File("report");

        var outcome = await CliRunner.RunAsync("report", UnknownSweep, "--out", output, "--gateway", cluster.Gateway);

        AssertNotFound(outcome, $"error: sweep '{UnknownSweep}' not found", "sc sweep list");
        Assert.False(Directory.Exists(output));
    }

    private static void AssertNotFound(CliRunner.Outcome outcome, string error, string hint)
    {
        Assert.True(outcome.ExitCode == ExitCodes.NotFound, $"exit {outcome.ExitCode}: {outcome.Error}");
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(error, lines[0]);
        Assert.StartsWith("hint: ", lines[1]);
        Assert.Contains(hint, lines[1]);
        Assert.Equal("", outcome.Out);
    }
}
