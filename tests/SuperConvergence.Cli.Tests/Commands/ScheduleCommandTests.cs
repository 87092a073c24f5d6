using System.Text.Json;

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
        var outcome = await CliRunner.RunAsync(CliRunner.WithOption(["schedule", "onecycle", "--max-lr", "1", "--total-steps", "100"], flag, value));

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

    [Fact]
    public async Task The_fastai_preset_ends_at_max_over_1e5_and_explicit_flags_still_win()
    {
        var preset = await CliRunner.RunAsync("schedule", "onecycle", "--max-lr", "1", "--total-steps", "100", "--fastai");
        var overridden = await CliRunner.RunAsync("schedule", "onecycle", "--max-lr", "1", "--total-steps", "100", "--fastai", "--pct-start", "0.5");

        Assert.Equal(ExitCodes.Ok, preset.ExitCode);
        var rows = preset.Out.TrimEnd().Split('\n');
        Assert.Equal("24,1,0.85", rows[25]); // peak at 0.25·100 − 1
        Assert.Equal("99,1E-05,0.95", rows[100]);
        Assert.Equal("49,1,0.85", overridden.Out.TrimEnd().Split('\n')[50]);
        Assert.Equal("99,1E-05,0.95", overridden.Out.TrimEnd().Split('\n')[100]);
    }

    [Fact]
    public async Task Without_momentum_cycling_every_row_has_max_momentum()
    {
        var outcome = await CliRunner.RunAsync("schedule", "onecycle", "--max-lr", "1", "--total-steps", "20", "--no-cycle-momentum", "--max-momentum", "0.9");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.All(outcome.Out.TrimEnd().Split('\n').Skip(1), row => Assert.EndsWith(",0.9", row));
    }

    [Theory]
    [InlineData("--step-size-up", "0", "error: --step-size-up: 0 must be at least 1")]
    [InlineData("--base-lr", "-1", "error: --base-lr: -1 must be > 0")]
    [InlineData("--max-lr", "0.01", "error: --max-lr: 0.01 must be >= base-lr")]
    [InlineData("--gamma", "Infinity", "error: --gamma: Infinity must be a finite number")]
    [InlineData("--max-momentum", "0.5", "error: --max-momentum: 0.5 must be >= base-momentum (0.8)")]
    [InlineData("--gamma", "1e308", "error: --gamma: 1E+308 must be <= 1: the amplitude gamma^step would grow past max-lr")]
    public async Task Bad_cyclic_arguments_exit_2_with_one_line(string flag, string value, string expected)
    {
        var outcome = await CliRunner.RunAsync(CliRunner.WithOption(["schedule", "cyclic", "--base-lr", "0.1", "--max-lr", "1", "--total-steps", "100", "--mode", "exp_range"], flag, value));

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal(expected, outcome.Error.TrimEnd());
        Assert.Empty(outcome.Out);
    }

    [Theory]
    [InlineData("schedule", "cyclic", "--base-lr", "0.1", "--max-lr", "1", "--total-steps", "10", "--mode", "sawtooth")]
    [InlineData("schedule", "onecycle", "--max-lr", "1", "--total-steps", "10", "--anneal-strategy", "step")]
    [InlineData("schedule", "onecycle", "--max-lr", "1", "--total-steps", "10", "--format", "xml")]
    [InlineData("schedule", "onecycle", "--total-steps", "10")]
    [InlineData("schedule", "onecycle", "--max-lr", "one", "--total-steps", "10")]
    public async Task Unknown_choices_and_missing_or_malformed_values_are_bad_usage(params string[] args)
    {
        var outcome = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.StartsWith("error: ", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
    }

    [Fact]
    public async Task Cyclic_step_sizes_beyond_an_int_sum_rise_from_base_lr()
    {
        var outcome = await CliRunner.RunAsync("schedule", "cyclic", "--base-lr", "0.01", "--max-lr", "0.1", "--total-steps", "3", "--step-size-up", "1500000000");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        var lrs = outcome.Out.TrimEnd().Split('\n').Skip(1).Select(row => double.Parse(row.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(0.01, lrs[0]);
        Assert.True(lrs[1] > lrs[0] && lrs[2] > lrs[1], string.Join(", ", lrs));
        Assert.All(lrs, lr => Assert.InRange(lr, 0.01, 0.010001));
    }
}
