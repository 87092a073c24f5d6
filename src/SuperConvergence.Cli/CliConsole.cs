namespace SuperConvergence.Cli;

/// <summary>Where a command writes: the real console, or buffers in tests.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsTerminal)
{
    public static CliConsole System => new(Console.Out, Console.Error, !Console.IsOutputRedirected);

    /// <summary>Colour and animation only for a person at a terminal that has not asked for none.</summary>
    public bool AllowsDecoration => IsTerminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
}
