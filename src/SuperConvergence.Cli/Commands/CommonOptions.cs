namespace SuperConvergence.Cli.Commands;

/// <summary>Options several commands share, declared once so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string?> CacheDirectory() =>
        new("--cache-dir") { Description = $"Dataset cache directory (default: ${DataCache.EnvironmentVariable}, else ~/.cache/superconvergence)" };

    public static string ResolveCacheDirectory(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { Length: > 0 } explicitDirectory ? Path.GetFullPath(explicitDirectory) : DataCache.DefaultDirectory();

    /// <summary>--refresh: the seconds between a live view's looks, 1 unless given.</summary>
    public static Option<double> Refresh(string description) => new("--refresh") { Description = description, DefaultValueFactory = _ => 1.0 };

    /// <summary>The --refresh interval; outside 0.1 to 3600 seconds it is refused in one line.</summary>
    public static TimeSpan ResolveRefresh(ParseResult parse, Option<double> option)
    {
        var seconds = parse.GetValue(option);
        if (!double.IsFinite(seconds) || seconds is < 0.1 or > 3600)
        {
            throw CliException.BadInput("--refresh", seconds, "must be between 0.1 and 3600 seconds");
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
