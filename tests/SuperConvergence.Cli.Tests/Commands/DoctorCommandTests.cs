namespace SuperConvergence.Cli.Tests.Commands;

public sealed class DoctorCommandTests
{
    [Fact]
    public async Task Doctor_reports_torch_loaded_on_cpu_and_exits_zero()
    {
        var outcome = await CliRunner.RunAsync("doctor");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Contains("torch loads   yes", outcome.Out);
        Assert.Matches(@"device\s+(cpu|cuda)", outcome.Out);
        Assert.Contains("training      ok", outcome.Out);
        Assert.Contains("data cache", outcome.Out);
    }
}
