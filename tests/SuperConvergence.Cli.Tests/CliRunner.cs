namespace SuperConvergence.Cli.Tests;

/// <summary>Runs `sc` in-process with captured output, as a script would see it (not a terminal).</summary>
internal static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Out, string Error);

    public static async Task<Outcome> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, IsTerminal: false));
        return new Outcome(code, output.ToString(), error.ToString());
    }

    /// <summary><paramref name="args"/> with <paramref name="option"/> set to <paramref name="value"/>: replaced where given, else added.</summary>
    public static string[] WithOption(IEnumerable<string> args, string option, string value)
    {
        var list = args.ToList();
        var at = list.IndexOf(option);
        if (at >= 0)
        {
            list[at + 1] = value;
        }
        else
        {
            list.AddRange([option, value]);
        }

        return [.. list];
    }
}
