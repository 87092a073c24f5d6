using System.Text.Json;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Commands;

public sealed class RangeTestAnalyzeCommandTests
{
    /// <summary>
    /// The curve Core's RangeTestAnalysisTests works out by hand (β = 0, so the smoothed loss is the loss): divergence
    /// at 1.024, suggestions 0.0064 / 0.008 / 0.008 / 0.002, plateau 0.008 … 0.128, recommended 0.002 → 0.128.
    /// </summary>
    private const string HandWorkedCurve =
        """
        lr,loss,accuracy
        0.001,2,0.1
        0.002,1.9,0.2
        0.004,1.7,0.5
        0.008,1.4,0.86
        0.016,1,0.865
        0.032,0.7,0.86
        0.064,0.6,0.87
        0.128,0.65,0.865
        0.256,0.9,0.5
        0.512,1.2,0.3
        1.024,3,0.1
        """;

    [Fact]
    public async Task Json_of_a_hand_worked_curve()
    {
        using var directory = new TemporaryDirectory();
        var path = await WriteAsync(directory, HandWorkedCurve);

        var outcome = await CliRunner.RunAsync("rangetest", "analyze", path, "--beta", "0", "--format", "json");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(
            """
            {
              "suggestions": {
                "minimum": 0.0064,
                "steep": 0.008,
                "valley": 0.008,
                "slide": 0.002
              },
              "divergenceLr": 1.024,
              "recommended": {
                "minLr": 0.002,
                "maxLr": 0.0256
              },
              "superConvergence": {
                "possible": true,
                "plateauLow": 0.008,
                "plateauHigh": 0.128,
                "peakAccuracy": 0.87,
                "peakLr": 0.064
              },
              "floor": {
                "low": 0.032,
                "high": 0.128,
                "minimumLr": 0.064,
                "reachesEnd": false
              },
              "signal": {
                "usable": true,
                "drop": 0.6703735395593151,
                "reason": null
              },
              "points": [
                {
                  "lr": 0.001,
                  "loss": 2,
                  "smoothedLoss": 2,
                  "lagFreeLoss": 1.96751020770334,
                  "accuracy": 0.1
                },
                {
                  "lr": 0.002,
                  "loss": 1.9,
                  "smoothedLoss": 1.9,
                  "lagFreeLoss": 1.857749439676614,
                  "accuracy": 0.2
                },
                {
                  "lr": 0.004,
                  "loss": 1.7,
                  "smoothedLoss": 1.7,
                  "lagFreeLoss": 1.649779741266086,
                  "accuracy": 0.5
                },
                {
                  "lr": 0.008,
                  "loss": 1.4,
                  "smoothedLoss": 1.4,
                  "lagFreeLoss": 1.350061733844272,
                  "accuracy": 0.86
                },
                {
                  "lr": 0.016,
                  "loss": 1,
                  "smoothedLoss": 1,
                  "lagFreeLoss": 1.0006159597385698,
                  "accuracy": 0.865
                },
                {
                  "lr": 0.032,
                  "loss": 0.7,
                  "smoothedLoss": 0.7,
                  "lagFreeLoss": 0.7428659335774961,
                  "accuracy": 0.86
                },
                {
                  "lr": 0.064,
                  "loss": 0.6,
                  "smoothedLoss": 0.6,
                  "lagFreeLoss": 0.6485434256461686,
                  "accuracy": 0.87
                },
                {
                  "lr": 0.128,
                  "loss": 0.65,
                  "smoothedLoss": 0.65,
                  "lagFreeLoss": 0.7000043328951732,
                  "accuracy": 0.865
                },
                {
                  "lr": 0.256,
                  "loss": 0.9,
                  "smoothedLoss": 0.9,
                  "lagFreeLoss": 0.9247649162217522,
                  "accuracy": 0.5
                },
                {
                  "lr": 0.512,
                  "loss": 1.2,
                  "smoothedLoss": 1.2,
                  "lagFreeLoss": 1.315551683641887,
                  "accuracy": 0.3
                },
                {
                  "lr": 1.024,
                  "loss": 3,
                  "smoothedLoss": 3,
                  "lagFreeLoss": 2.404678673746562,
                  "accuracy": 0.1
                }
              ]
            }

            """,
            outcome.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Csv_of_a_hand_worked_curve_is_one_key_value_row_per_answer()
    {
        using var directory = new TemporaryDirectory();
        var path = await WriteAsync(directory, HandWorkedCurve);

        var outcome = await CliRunner.RunAsync("rangetest", "analyze", path, "--beta", "0", "--format", "csv");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(
            """
            key,value
            suggestions.minimum,0.0064
            suggestions.steep,0.008
            suggestions.valley,0.008
            suggestions.slide,0.002
            divergenceLr,1.024
            recommended.minLr,0.002
            recommended.maxLr,0.0256
            superConvergence.possible,true
            superConvergence.plateauLow,0.008
            superConvergence.plateauHigh,0.128
            superConvergence.peakAccuracy,0.87
            superConvergence.peakLr,0.064
            floor.low,0.032
            floor.high,0.128
            floor.minimumLr,0.064
            floor.reachesEnd,false
            signal.usable,true
            signal.drop,0.6703735395593151
            """,
            outcome.Out.ReplaceLineEndings("\n").TrimEnd('\n'));
    }

    [Fact]
    public async Task Csv_without_accuracy_leaves_the_super_convergence_values_empty()
    {
        using var directory = new TemporaryDirectory();
        var rows = Enumerable.Range(0, 30).Select(i => $"{(0.001 * Math.Pow(1.3, i)).ToString("R", System.Globalization.CultureInfo.InvariantCulture)},{(2.0 - i * 0.05).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
        var path = await WriteAsync(directory, "lr,loss\n" + string.Join('\n', rows));

        var outcome = await CliRunner.RunAsync("rangetest", "analyze", path, "--format", "csv");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        var lines = outcome.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(19, lines.Length);
        Assert.Contains("divergenceLr,", lines);
        Assert.Contains("superConvergence.possible,", lines);
        Assert.Contains("superConvergence.peakLr,", lines);
    }

    [Fact]
    public async Task Table_of_a_hand_worked_curve()
    {
        using var directory = new TemporaryDirectory();
        var path = await WriteAsync(directory, HandWorkedCurve);

        var outcome = await CliRunner.RunAsync("rangetest", "analyze", path, "--beta", "0");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(
            """
            signal          the smoothed loss fell 67 %
            divergence      at LR 1.024
            loss floor      0.032 … 0.128 (lowest at 0.064)
            1cycle          min LR 0.002 → max LR 0.0256
            fastai          minimum 0.0064   steep 0.008   valley 0.008   slide 0.002
            accuracy        peak 87.00 % at LR 0.064; within tolerance from 0.008 to 0.128: super-convergence possible

            """,
            outcome.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_curve_of_100000_points_is_read_and_one_more_point_is_refused()
    {
        using var directory = new TemporaryDirectory();
        var rows = Enumerable.Range(0, 100_001).Select(i => FormattableString.Invariant($"{1e-5 * Math.Pow(1e6, i / 100_000.0):R},{2 - Math.Tanh(i / 30_000.0):R}")).ToList();
        var atLimit = await WriteAsync(directory, "lr,loss\n" + string.Join('\n', rows.Take(100_000)));
        var read = await CliRunner.RunAsync("rangetest", "analyze", atLimit, "--format", "csv");
        var pastIt = await WriteAsync(directory, "lr,loss\n" + string.Join('\n', rows));
        var refused = await CliRunner.RunAsync("rangetest", "analyze", pastIt);

        Assert.Equal(ExitCodes.Ok, read.ExitCode);
        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Equal($"error: {pastIt}: points: more than 100000 (a range test records one per iteration, at most that many)", refused.Error.Trim());
        Assert.Empty(refused.Out);
    }

    [Fact]
    public async Task A_loss_still_on_its_floor_at_the_last_lr_is_reported_as_an_open_floor_and_a_lower_bound()
    {
        // The loss falls around LR 1e-3 and is flat to the end, 3: the test never saw where the LR starts to hurt.
        using var directory = new TemporaryDirectory();
        var rows = Enumerable.Range(0, 200).Select(i =>
        {
            var lr = 1e-5 * Math.Pow(3e5, i / 199.0);
            return FormattableString.Invariant($"{lr:R},{0.5 + 2.0 / (1 + Math.Exp(4 * (Math.Log10(lr) + 3))):R}");
        });
        var path = await WriteAsync(directory, "lr,loss\n" + string.Join('\n', rows));

        var table = await CliRunner.RunAsync("rangetest", "analyze", path);
        var json = await CliRunner.RunAsync("rangetest", "analyze", path, "--format", "json");

        Assert.Equal(ExitCodes.Ok, table.ExitCode);
        Assert.Contains("… beyond 3, the test's last LR", table.Out);
        Assert.Contains("rerun with a larger --end-lr", table.Out);
        Assert.Contains("max LR 0.6 at least (the floor reaches the test's end)", table.Out);
        Assert.True(JsonDocument.Parse(json.Out).RootElement.GetProperty("floor").GetProperty("reachesEnd").GetBoolean());
    }

    [Fact]
    public async Task Without_accuracy_super_convergence_is_null_and_a_nan_tail_is_divergence()
    {
        using var directory = new TemporaryDirectory();
        var rows = Enumerable.Range(0, 30).Select(i => FormattableString.Invariant($"{1e-4 * Math.Pow(1.5, i):R},{(i < 25 ? 2 - 0.05 * i : double.NaN)}"));
        var path = await WriteAsync(directory, "lr,loss\n" + string.Join('\n', rows).Replace("NaN", "nan"));

        var outcome = await CliRunner.RunAsync("rangetest", "analyze", path, "--format", "json");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        var json = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal(JsonValueKind.Null, json.GetProperty("superConvergence").ValueKind);
        Assert.Equal(1e-4 * Math.Pow(1.5, 25), json.GetProperty("divergenceLr").GetDouble(), 12);
        Assert.Equal(25, json.GetProperty("points").GetArrayLength());
    }

    [Theory]
    [InlineData("learning_rate,loss\n0.1,1\n", "{0}: header 'learning_rate,loss' must be 'lr,loss' or 'lr,loss,accuracy'")]
    [InlineData("lr,loss\n0.1,1\n0.2,0.9\n", "{0}: points: 2 must be at least 10")]
    [InlineData("lr,loss\n0.1,1\n0.2,abc\n", "{0}: line 3: loss 'abc' is not a number")]
    [InlineData("lr,loss\n0.1,1\n0.2\n", "{0}: line 3 has 1 fields, expected 2")]
    [InlineData("lr,loss\n0.1,1\nnan,1\n0.3,1\n0.4,1\n0.5,1\n0.6,1\n0.7,1\n0.8,1\n0.9,1\n1.0,1\n", "{0}: lr: NaN at point 2 must be a finite number > 0")]
    [InlineData("lr,loss\n0.1,1\n0.2,1\n0.2,1\n0.4,1\n0.5,1\n0.6,1\n0.7,1\n0.8,1\n0.9,1\n1.0,1\n", "{0}: lr: 0.2 at point 3 must be greater than the previous (0.2)")]
    [InlineData("lr,loss\n-0.1,1\n0.2,1\n0.3,1\n0.4,1\n0.5,1\n0.6,1\n0.7,1\n0.8,1\n0.9,1\n1.0,1\n", "{0}: lr: -0.1 at point 1 must be a finite number > 0")]
    public async Task A_curve_that_cannot_be_read_is_bad_input_naming_file_field_and_value(string content, string expected)
    {
        using var directory = new TemporaryDirectory();
        var path = await WriteAsync(directory, content);

        var outcome = await CliRunner.RunAsync("rangetest", "analyze", path);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal("error: " + string.Format(expected, path), outcome.Error.TrimEnd());
        Assert.Empty(outcome.Out);
    }

    [Theory]
    [InlineData("--beta", "1.5", "error: --beta: 1.5 must be in [0, 1)")]
    [InlineData("--beta", "NaN", "error: --beta: NaN must be in [0, 1)")]
    [InlineData("--diverge-factor", "-1", "error: --diverge-factor: -1 must be a finite number > 1")]
    public async Task Impossible_knobs_are_bad_input_naming_the_flag(string flag, string value, string expected)
    {
        using var directory = new TemporaryDirectory();
        var path = await WriteAsync(directory, HandWorkedCurve);

        var outcome = await CliRunner.RunAsync("rangetest", "analyze", path, flag, value);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal(expected, outcome.Error.TrimEnd());
    }

    [Fact]
    public async Task A_missing_file_is_bad_input()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "absent.csv");

        var outcome = await CliRunner.RunAsync("rangetest", "analyze", path);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([$"error: FILE: '{path}' is not a file", "hint: sc rangetest run … --out FILE records a curve"], lines);
    }

    private static async Task<string> WriteAsync(TemporaryDirectory directory, string content)
    {
        var path = directory.File("curve.csv");
        await File.WriteAllTextAsync(path, content, TestContext.Current.CancellationToken);
        return path;
    }
}
