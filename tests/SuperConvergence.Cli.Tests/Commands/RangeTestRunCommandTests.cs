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
    [InlineData("--iterations", "1", "error: --iterations: 1 must be between 2 and 100000")]
    [InlineData("--iterations", "100001", "error: --iterations: 100001 must be between 2 and 100000")]
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
    public async Task The_table_format_prints_the_analyzers_table_of_the_curve()
    {
        using var directory = TemporaryDirectory.Create();
        var curve = Path.Combine(directory.Path, "curve.csv");

        var outcome = await CliRunner.RunAsync(Quick(curve, "--format", "table"));
        var analyzed = await CliRunner.RunAsync("rangetest", "analyze", curve, "--format", "table");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(analyzed.Out, outcome.Out);
        var lines = outcome.Out.TrimEnd().Split('\n');
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("signal          ", lines[0]);
        Assert.StartsWith("divergence      ", lines[1]);
        Assert.Matches(@"^loss floor      \S+ … (\S+ \(lowest at \S+\)|beyond \S+, the test's last LR \(lowest at \S+\): .*--end-lr.*)$", lines[2]);
        Assert.Matches(@"^1cycle          min LR \S+ → max LR \S+( \(no signal: do not trust it\)| at least \(the floor reaches the test's end\))?$", lines[3]);
        Assert.Matches(@"^fastai          minimum \S+   steep \S+   valley \S+   slide \S+$", lines[4]);
        Assert.Equal("accuracy        not measured", lines[5]);
    }

    [Fact]
    public async Task A_curve_that_diverges_within_its_first_points_ends_with_a_hint_to_start_lower_or_ramp_slower()
    {
        using var directory = TemporaryDirectory.Create();
        var curve = Path.Combine(directory.Path, "curve.csv");

        var outcome = await CliRunner.RunAsync(CliRunner.WithOption(CliRunner.WithOption(Quick(curve), "--start-lr", "1e5"), "--end-lr", "1e6"));

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        var lines = outcome.Error.Trim().Split('\n');
        Assert.StartsWith($"error: {curve}: ", lines[^2]);
        Assert.Matches(@"^hint: the loss diverged within the first \d iterations: lower --start-lr \(now 1E\+05\) or raise --iterations \(now 20\)", lines[^1]);
        Assert.True(File.Exists(curve), "the curve is kept for inspection");
    }

    [Fact]
    public async Task Nesterov_without_momentum_is_refused_before_training()
    {
        using var directory = TemporaryDirectory.Create();

        var outcome = await CliRunner.RunAsync(Quick(Path.Combine(directory.Path, "curve.csv"), "--nesterov", "--momentum", "0"));

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal("error: --momentum: 0 must be above 0 with --nesterov (Nesterov momentum needs a momentum)", outcome.Error.Trim());
    }

    [Fact]
    public async Task An_output_path_that_is_a_directory_is_refused_before_training()
    {
        using var directory = TemporaryDirectory.Create();

        var outcome = await CliRunner.RunAsync(Quick(directory.Path));

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal($"error: --out: '{directory.Path}' is a directory; name a file", outcome.Error.Trim());
    }

    [Fact]
    public async Task An_output_file_that_cannot_be_created_is_refused_before_training()
    {
        using var directory = TemporaryDirectory.Create();
        // Longer than file systems allow a name to be: refused even to root, whom permissions do not stop.
        var unwritable = Path.Combine(directory.Path, new string('c', 300) + ".csv");

        var outcome = await CliRunner.RunAsync(Quick(unwritable));

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        var error = Assert.Single(outcome.Error.Trim().Split('\n'));
        Assert.StartsWith($"error: --out: '{unwritable}' cannot be written: ", error);
        Assert.Empty(Directory.GetFileSystemEntries(directory.Path));
    }

    [Fact]
    public async Task An_output_file_beneath_a_regular_file_is_refused_before_training()
    {
        using var directory = TemporaryDirectory.Create();
        var (beneathAFile, file) = CachedFiles.BeneathAFile(directory, "curve.csv");

        var outcome = await CliRunner.RunAsync(Quick(beneathAFile));

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal($"error: --out: '{beneathAFile}' is in a directory that does not exist", outcome.Error.Trim());
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public async Task An_output_file_in_a_missing_directory_is_refused_before_training()
    {
        var outcome = await CliRunner.RunAsync(Quick("/nonexistent-dir/curve.csv"));

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal("error: --out: '/nonexistent-dir/curve.csv' is in a directory that does not exist", outcome.Error.Trim());
    }
}
