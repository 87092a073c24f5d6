namespace SuperConvergence.Cli.Sweeps;

/// <summary>How a query command prints: a table for people, JSON or CSV for scripts.</summary>
public enum OutputFormat
{
    Table,
    Json,
    Csv,
}

public static class OutputFormats
{
    /// <summary>The --format option, limited to the formats the command offers.</summary>
    public static Option<string> Option(params OutputFormat[] offered)
    {
        var names = offered.Select(f => f.ToString().ToLowerInvariant()).ToArray();
        var option = new Option<string>("--format")
        {
            Description = $"Output format: {string.Join(", ", names)}",
            DefaultValueFactory = _ => names[0],
        };
        option.AcceptOnlyFromAmong(names);
        return option;
    }

    public static OutputFormat Parse(string value) => Enum.Parse<OutputFormat>(value, ignoreCase: true);
}
