namespace SuperConvergence.Cli.Tests;

public sealed class CliConventionsTests
{
    [Fact]
    public async Task An_unknown_command_is_bad_usage_with_one_line_and_exit_2()
    {
        var outcome = await CliRunner.RunAsync("no-such-command");

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.StartsWith("error: ", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var outcome = await CliRunner.RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Contains("doctor", outcome.Out);
        Assert.Contains("demo", outcome.Out);
    }
}
