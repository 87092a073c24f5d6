namespace SuperConvergence.Cli.Training;

/// <summary>One-line checks that turn a bad option value into the CLI's bad-input error.</summary>
internal static class OptionChecks
{
    public static void Require(bool condition, string option, object? value, string problem)
    {
        if (!condition)
        {
            throw CliException.BadInput(option, value, problem);
        }
    }
}
