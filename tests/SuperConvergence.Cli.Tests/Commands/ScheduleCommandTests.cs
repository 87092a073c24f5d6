using System.Text.Json;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Commands;

public sealed class ScheduleCommandTests
{
    [Fact]
    public async Task Onecycle_csv_has_the_exact_header_and_one_row_per_step()
    {
        var outcome = await CliRunner.RunAsync("schedule", "onecycle", "--max-lr", "1", "--total-steps", "10");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        var lines = outcome.Out.TrimEnd().Split('\n');
        Assert.Equal("step,lr,momentum", lines[0]);
        Assert.Equal(11, lines.Length);
        Assert.Equal("2,1,0.85", lines[3]);
        Assert.Equal("9,4E-06,0.95", lines[10]);
    }

    [Fact]
    public async Task Cyclic_json_lists_every_step()
    {
        var outcome = await CliRunner.RunAsync("schedule", "cyclic", "--base-lr", "0.1", "--max-lr", "1", "--total-steps", "8", "--step-size-up", "2", "--format", "json");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        var json = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal(8, json.GetProperty("totalSteps").GetInt32());
        Assert.Equal(1.0, json.GetProperty("steps")[2].GetProperty("lr").GetDouble(), 12);
        Assert.Equal(0.8, json.GetProperty("steps")[2].GetProperty("momentum").GetDouble(), 12);
    }

    [Theory]
    [InlineData("--pct-start", "1.5", "error: --pct-start: 1.5 must be in (0, 1)")]
    [InlineData("--max-lr", "NaN", "error: --max-lr: NaN must be a finite number")]
    [InlineData("--div-factor", "-3", "error: --div-factor: -3 must be > 0")]
    public async Task Bad_arguments_exit_2_with_one_line_naming_the_flag_and_value(string flag, string value, string expected)
    {
        var args = new List<string> { "schedule", "onecycle", "--max-lr", "1", "--total-steps", "100" };
        var index = args.IndexOf(flag);
        if (index >= 0)
        {
            args[index + 1] = value;
        }
        else
        {
            args.AddRange([flag, value]);
        }

        var outcome = await CliRunner.RunAsync([.. args]);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal(expected, outcome.Error.Split('\n')[0]);
    }

    [Fact]
    public async Task Total_steps_below_two_is_bad_input()
    {
        var outcome = await CliRunner.RunAsync("schedule", "onecycle", "--max-lr", "1", "--total-steps", "1");

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.StartsWith("error: --total-steps: 1", outcome.Error);
    }
}

public sealed class RangeTestAnalyzeCommandTests
{
    [Fact]
    public async Task Analyze_prints_the_documented_json_keys()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("curve.csv");
        var lines = new List<string> { "lr,loss,accuracy" };
        for (var i = 0; i < 60; i++)
        {
            var lr = 1e-4 * Math.Pow(10, i / 10.0);
            lines.Add(FormattableString.Invariant($"{lr},{2 - Math.Min(1.5, i * 0.03) + (i > 50 ? Math.Pow(i - 50, 3) : 0)},{(i % 5 == 0 ? Math.Min(0.9, i / 40.0).ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}"));
        }

        await File.WriteAllLinesAsync(path, lines, TestContext.Current.CancellationToken);

        var outcome = await CliRunner.RunAsync("rangetest", "analyze", path, "--format", "json");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        var json = JsonDocument.Parse(outcome.Out).RootElement;
        foreach (var key in new[] { "minimum", "steep", "valley", "slide" })
        {
            Assert.True(json.GetProperty("suggestions").GetProperty(key).GetDouble() > 0);
        }

        Assert.True(json.GetProperty("divergenceLr").GetDouble() > 0.1);
        Assert.True(json.GetProperty("recommended").GetProperty("maxLr").GetDouble() > json.GetProperty("recommended").GetProperty("minLr").GetDouble());
        Assert.True(json.GetProperty("superConvergence").GetProperty("possible").ValueKind is JsonValueKind.True or JsonValueKind.False);
        Assert.True(json.GetProperty("superConvergence").GetProperty("plateauHigh").GetDouble() >= json.GetProperty("superConvergence").GetProperty("plateauLow").GetDouble());
        Assert.True(json.GetProperty("points").GetArrayLength() > 10);
    }

    [Fact]
    public async Task A_csv_without_the_expected_header_is_bad_input()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("curve.csv");
        await File.WriteAllTextAsync(path, "learning_rate,loss\n0.1,1\n", TestContext.Current.CancellationToken);

        var outcome = await CliRunner.RunAsync("rangetest", "analyze", path);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal($"error: {path}: header 'learning_rate,loss' must be 'lr,loss' or 'lr,loss,accuracy'", outcome.Error.Split('\n')[0]);
    }

    [Fact]
    public async Task Too_short_a_curve_is_bad_input()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("curve.csv");
        await File.WriteAllTextAsync(path, "lr,loss\n0.1,1\n0.2,0.9\n", TestContext.Current.CancellationToken);

        var outcome = await CliRunner.RunAsync("rangetest", "analyze", path);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal($"error: {path}: points: 2 must be at least 10", outcome.Error.Split('\n')[0]);
    }
}
