namespace SuperConvergence.Cli.Tests.Commands;

/// <summary>
/// Whole outputs of `sc schedule`, byte for byte. The numbers were worked out separately from PyTorch's published
/// OneCycleLR/CyclicLR formulas (see PyTorchParityTests) and are written in .NET's shortest round-trip form.
/// </summary>
public sealed class ScheduleCommandGoldenTests
{
    [Fact]
    public async Task Onecycle_csv()
    {
        var outcome = await CliRunner.RunAsync("schedule", "onecycle", "--max-lr", "1", "--total-steps", "10");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(
            """
            step,lr,momentum
            0,0.040000000000000036,0.95
            1,0.52,0.8999999999999999
            2,1,0.85
            3,0.9504846320134737,0.854951556604879
            4,0.8117456539497631,0.8688255099070633
            5,0.6112620219362893,0.8888739533021842
            6,0.38874197806371075,0.9111260466978157
            7,0.18825834605023697,0.9311744900929366
            8,0.049519367986526286,0.945048443395121
            9,4E-06,0.95

            """,
            outcome.Out.ReplaceLineEndings("\n"));
        Assert.Empty(outcome.Error);
    }

    [Fact]
    public async Task Cyclic_json()
    {
        var outcome = await CliRunner.RunAsync("schedule", "cyclic", "--base-lr", "0.1", "--max-lr", "1", "--total-steps", "4", "--step-size-up", "2", "--format", "json");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(
            """
            {
              "totalSteps": 4,
              "steps": [
                {
                  "step": 0,
                  "lr": 0.1,
                  "momentum": 0.9
                },
                {
                  "step": 1,
                  "lr": 0.55,
                  "momentum": 0.8500000000000001
                },
                {
                  "step": 2,
                  "lr": 1,
                  "momentum": 0.8
                },
                {
                  "step": 3,
                  "lr": 0.55,
                  "momentum": 0.8500000000000001
                }
              ]
            }

            """,
            outcome.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Onecycle_table_for_people()
    {
        var outcome = await CliRunner.RunAsync("schedule", "onecycle", "--max-lr", "1", "--total-steps", "3", "--pct-start", "0.5", "--format", "table");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(
            """
                step              lr    momentum
                   0            0.04        0.95
                   1        0.750001       0.875
                   2           4E-06        0.95

            """,
            outcome.Out.ReplaceLineEndings("\n"));
    }
}
