using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Cli.Sweeps;
using SuperConvergence.Cli.Tests.Sweeps;

namespace SuperConvergence.Cli.Tests;

/// <summary>NO_COLOR turns decoration off even at a terminal: the plain output a pipe gets, no escape codes.</summary>
public sealed class NoColorTests
{
    [Fact]
    public async Task With_NO_COLOR_set_a_terminal_gets_the_plain_view_without_escape_codes()
    {
        var output = new StringWriter();
        var console = ConsoleWhile("1", () => new CliConsole(output, TextWriter.Null, IsTerminal: true));

        await ShowOnce(console);

        Assert.False(console.AllowsDecoration);
        var text = output.ToString();
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain("│", text);
        Assert.StartsWith("running narrowing round=1", Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Without_NO_COLOR_the_same_terminal_gets_the_table_view()
    {
        var output = new StringWriter();
        var console = ConsoleWhile(null, () => new CliConsole(output, TextWriter.Null, IsTerminal: true));

        await ShowOnce(console);

        Assert.True(console.AllowsDecoration);
        Assert.Contains("│", output.ToString());
    }

    [Fact]
    public void An_empty_NO_COLOR_asks_for_nothing()
    {
        var console = ConsoleWhile("", () => new CliConsole(TextWriter.Null, TextWriter.Null, IsTerminal: true));

        Assert.True(console.AllowsDecoration);
    }

    private static Task<SweepStatus> ShowOnce(CliConsole console) =>
        new SweepLiveView(console, TimeSpan.FromSeconds(1)).ShowOnceAsync(new SweepLiveView.Queries(
            _ => Task.FromResult(SampleRecords.Status),
            _ => Task.FromResult<IReadOnlyList<TrialSummary>>([SampleRecords.Trials[2]]),
            _ => Task.FromResult(SampleRecords.Best)));

    /// <summary>
    /// Creates the console with NO_COLOR as given: a console reads the variable when created, so the process-wide
    /// variable is changed only for that instant and other tests never see it.
    /// </summary>
    private static CliConsole ConsoleWhile(string? noColor, Func<CliConsole> create)
    {
        var before = Environment.GetEnvironmentVariable("NO_COLOR");
        Environment.SetEnvironmentVariable("NO_COLOR", noColor);
        try
        {
            return create();
        }
        finally
        {
            Environment.SetEnvironmentVariable("NO_COLOR", before);
        }
    }
}
