using System.Reflection;
using Orleans.Runtime;

namespace SuperConvergence.Cli.Tests;

/// <summary>A failure no command anticipated still reads as one line of cause and a hint, with exit 1.</summary>
public sealed class UnexpectedFailureTests
{
    [Fact]
    public void A_wrapped_orleans_timeout_reports_the_innermost_message_and_a_cluster_hint()
    {
        var timeout = new TimeoutException("Response did not arrive on time in 00:00:10 for message: Request [S127.0.0.1:11111] ISweepGrain.GetStatus");

        var (code, error) = Report(new AggregateException(new TargetInvocationException(timeout)));

        Assert.Equal(ExitCodes.Failure, code);
        var lines = Lines(error);
        Assert.Equal($"error: {timeout.Message}", lines[0]);
        Assert.Contains("did not answer in time", lines[1]);
        Assert.Contains("--timeout", lines[1]);
    }

    [Fact]
    public void A_lost_silo_gets_the_connection_hint()
    {
        var (_, error) = Report(new SiloUnavailableException("The target silo became unavailable for message: ISweepGrain.GetBest"));

        var lines = Lines(error);
        Assert.Equal("error: The target silo became unavailable for message: ISweepGrain.GetBest", lines[0]);
        Assert.Contains("lost the connection to the cluster", lines[1]);
    }

    [Fact]
    public void A_file_system_failure_gets_the_path_hint()
    {
        var (_, error) = Report(new InvalidOperationException("could not write the report", new IOException("Not a directory : '/tmp/x/report.md'")));

        var lines = Lines(error);
        Assert.Equal("error: Not a directory : '/tmp/x/report.md'", lines[0]);
        Assert.Contains("writable", lines[1]);
    }

    [Fact]
    public void A_multi_line_or_very_long_message_is_cut_to_one_line()
    {
        var (_, error) = Report(new InvalidOperationException($"first line {new string('x', 500)}\n   at Some.Frame()"));

        var lines = Lines(error);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("error: first line xxx", lines[0]);
        Assert.EndsWith("…", lines[0]);
        Assert.True(lines[0].Length < 300, lines[0]);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void An_unknown_failure_still_gets_a_hint()
    {
        var (_, error) = Report(new InvalidOperationException("sequence contains no elements"));

        var lines = Lines(error);
        Assert.Equal("error: sequence contains no elements", lines[0]);
        Assert.StartsWith("hint: ", lines[1]);
    }

    [Fact]
    public void A_cli_exception_inside_wrappers_is_found_so_it_keeps_its_exit_code()
    {
        var notFound = new CliException("sweep 's' not found", ExitCodes.NotFound);

        var found = UnexpectedFailure.Unwrap(new AggregateException(new TargetInvocationException(notFound)));

        Assert.Same(notFound, found);
    }

    private static (int Code, string Error) Report(Exception failure)
    {
        var error = new StringWriter();
        var code = UnexpectedFailure.Report(failure, new CliConsole(new StringWriter(), error, IsTerminal: false));
        return (code, error.ToString());
    }

    private static string[] Lines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("error: ", lines[0]);
        Assert.StartsWith("hint: ", lines[1]);
        return lines;
    }
}
