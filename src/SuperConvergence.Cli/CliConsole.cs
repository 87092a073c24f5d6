namespace SuperConvergence.Cli;

/// <summary>Where a command writes: the real console, or buffers in tests.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsTerminal)
{
    public static CliConsole System => new(Console.Out, Console.Error, !Console.IsOutputRedirected);

    /// <summary>Whether NO_COLOR (no-color.org) asked for no colour: any non-empty value does.</summary>
    public const string NoColorVariable = "NO_COLOR";

    public bool NoColor { get; init; } = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(NoColorVariable));

    /// <summary>Colour and animation only for a person at a terminal that has not asked for none.</summary>
    public bool AllowsDecoration => IsTerminal && !NoColor;
}
