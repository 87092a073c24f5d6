namespace SuperConvergence.Cli;

/// <summary>A failure the user can act on: printed as one line on stderr, never with a stack trace.</summary>
public class CliException(string message, int exitCode, string? hint = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public string? Hint { get; } = hint;

    /// <summary>Bad input: names the field and the offending value; the hint, where given, says what would do.</summary>
    public static CliException BadInput(string field, object? value, string problem, string? hint = null) =>
        new($"{field}: {Quote(value)} {problem}", ExitCodes.BadInput, hint);

    /// <summary>
    /// A setting Core refused, named by its flag: Core spells fields as PyTorch does (max_lr, also where a problem
    /// mentions another field: "must be >= base_lr"); the CLI as its flags do (--max-lr, base-lr). Values are numbers.
    /// </summary>
    public static CliException BadSetting(ScheduleSettingException refused) =>
        new(refused.DescribeAs($"--{refused.Field}").Replace('_', '-'), ExitCodes.BadInput);

    private static string Quote(object? value) => value switch
    {
        null => "(none)",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => $"'{value}'",
    };
}
