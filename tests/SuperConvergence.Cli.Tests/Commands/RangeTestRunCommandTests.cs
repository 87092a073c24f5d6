using System.Text.Json;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Commands;

public sealed class RangeTestRunCommandTests
{
    private static string[] Quick(string outPath, params string[] more) =>
        ["rangetest", "run", "--dataset", "synthetic", "--model", "mlp", "--width", "0.25", "--batch-size", "32",
         "--start-lr", "1e-3", "--end-lr", "0.1", "--iterations", "20", "--out", outPath, .. more];

    [Fact]
    public async Task A_run_writes_the_curve_the_analyzer_reads_and_prints_the_analyzers_json()
    {
        using var directory = TemporaryDirectory.Create();
        var curve = Path.Combine(directory.Path, "curve.csv");

        var outcome = await CliRunner.RunAsync(Quick(curve, "--format", "json"));
        var analyzed = await CliRunner.RunAsync("rangetest", "analyze", curve, "--format", "json");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        var lines = File.ReadAllLines(curve);
        Assert.Equal("lr,loss", lines[0]);
        Assert.Equal(21, lines.Length);
        Assert.StartsWith("0.001,", lines[1]);
        Assert.StartsWith("0.1,", lines[^1]);
        Assert.Equal(analyzed.Out, outcome.Out);
        using var json = JsonDocument.Parse(outcome.Out);
        Assert.True(json.RootElement.GetProperty("recommended").GetProperty("maxLr").GetDouble() > 0);
        Assert.Contains($"range test: 20 of 20 iterations, no divergence; curve in {curve}", outcome.Error);
    }

    [Fact]
    public async Task With_accuracy_the_curve_has_an_accuracy_column_and_the_analysis_a_super_convergence_reading()
    {
        using var directory = TemporaryDirectory.Create();
        var curve = Path.Combine(directory.Path, "curve.csv");

        var outcome = await CliRunner.RunAsync(Quick(curve, "--accuracy-every", "5", "--validation", "64", "--format", "json"));

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        var lines = File.ReadAllLines(curve);
        Assert.Equal("lr,loss,accuracy", lines[0]);
        Assert.Equal(4, lines.Skip(1).Count(l => !l.EndsWith(',')));
        using var json = JsonDocument.Parse(outcome.Out);
        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("superConvergence").ValueKind);
    }

    [Theory]
    [InlineData("--start-lr", "0", "error: --start-lr: 0 must be a finite number > 0")]
    [InlineData("--end-lr", "1e-4", "error: --end-lr: 0.0001 must be a finite number > start-lr")]
    [InlineData("--iterations", "1", "error: --iterations: 1 must be at least 2")]
    [InlineData("--mode", "cubic", "error: --mode: 'cubic' must be exp or linear")]
    [InlineData("--momentum", "1.5", "error: --momentum: 1.5 must lie in [0, 1)")]
    [InlineData("--diverge-factor", "1", "error: --diverge-factor: 1 must be a finite number > 1")]
    public async Task Bad_values_are_one_line_naming_the_option_and_value_with_exit_2(string option, string value, string expected)
    {
        using var directory = TemporaryDirectory.Create();
        var outcome = await CliRunner.RunAsync(CliRunner.WithOption(Quick(Path.Combine(directory.Path, "curve.csv")), option, value));

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal(expected, outcome.Error.Trim());
    }

    [Fact]
    public async Task An_output_file_in_a_missing_directory_is_refused_before_training()
    {
        var outcome = await CliRunner.RunAsync(Quick("/nonexistent-dir/curve.csv"));

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal("error: --out: '/nonexistent-dir/curve.csv' is in a directory that does not exist", outcome.Error.Trim());
    }
}
