namespace SuperConvergence.Cli.Tests;

/// <summary>
/// Bad flags of the query commands: exit 2 and one line naming the flag and the value, before any cluster is asked
/// (the gateway given is never contacted).
/// </summary>
public sealed class ParsingTests
{
    private const string NoCluster = "127.0.0.1:1";

    [Theory]
    [InlineData("--top", "0", "--top: '0' must be between 1 and 1000", "sweep", "best", "s")]
    [InlineData("--top", "1001", "--top: '1001' must be between 1 and 1000", "sweep", "best", "s")]
    [InlineData("--limit", "-1", "--limit: '-1' must be between 0 and 100000", "sweep", "status", "s")]
    [InlineData("--limit", "100001", "--limit: '100001' must be between 0 and 100000", "sweep", "status", "s")]
    [InlineData("--offset", "-1", "--offset: '-1' must be 0 or more", "sweep", "status", "s")]
    [InlineData("--refresh", "0.05", "--refresh: 0.05 must be between 0.1 and 3600 seconds", "sweep", "watch", "s")]
    [InlineData("--refresh", "3601", "--refresh: 3601 must be between 0.1 and 3600 seconds", "sweep", "watch", "s")]
    public async Task An_out_of_range_value_is_bad_input_naming_the_flag_and_value(string flag, string value, string message, params string[] command)
    {
        var outcome = await CliRunner.RunAsync([.. command, flag, value, "--gateway", NoCluster]);

        AssertBadInput(outcome, $"error: {message}");
    }

    [Theory]
    [InlineData("sweep", "list")]
    [InlineData("sweep", "status", "s")]
    [InlineData("sweep", "export", "s")]
    [InlineData("trial", "show", "s-000001")]
    [InlineData("rangetest", "analyze", "curve.csv")]
    public async Task An_unknown_format_is_bad_input_naming_the_flag_and_value(params string[] command)
    {
        string[] cluster = command[0] == "rangetest" ? [] : ["--gateway", NoCluster];
        var outcome = await CliRunner.RunAsync([.. command, "--format", "xml", .. cluster]);

        var line = AssertBadInput(outcome, "error: --format: ");
        Assert.Contains("'xml'", line);
    }

    [Fact]
    public async Task A_table_only_format_on_export_is_refused()
    {
        var outcome = await CliRunner.RunAsync("sweep", "export", "s", "--format", "table", "--gateway", NoCluster);

        Assert.Contains("'table'", AssertBadInput(outcome, "error: --format: "));
    }

    [Fact]
    public async Task A_report_needs_an_output_directory()
    {
        var outcome = await CliRunner.RunAsync("report", "s", "--gateway", NoCluster);

        Assert.Contains("--out", AssertBadInput(outcome, "error: "));
    }

    [Fact]
    public async Task Watch_prints_json_or_csv_only_once()
    {
        var outcome = await CliRunner.RunAsync("sweep", "watch", "s", "--format", "json", "--gateway", NoCluster);

        AssertBadInput(outcome, "error: --format: 'json' needs --once");
    }

    [Fact]
    public async Task A_non_numeric_top_is_bad_input_naming_the_flag()
    {
        var outcome = await CliRunner.RunAsync("sweep", "best", "s", "--top", "ten", "--gateway", NoCluster);

        var line = AssertBadInput(outcome, "error: ");
        Assert.Contains("'ten'", line);
        Assert.Contains("--top", line);
    }

    private static string AssertBadInput(CliRunner.Outcome outcome, string start)
    {
        Assert.True(outcome.ExitCode == ExitCodes.BadInput, $"exit {outcome.ExitCode}: {outcome.Error}");
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith(start, lines[0]);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("hint: ", l));
        Assert.Equal("", outcome.Out);
        return lines[0];
    }
}
