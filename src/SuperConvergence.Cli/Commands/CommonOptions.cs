namespace SuperConvergence.Cli.Commands;

/// <summary>Options several commands share, declared once so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string?> CacheDirectory() =>
        new("--cache-dir") { Description = $"Dataset cache directory (default: ${DataCache.EnvironmentVariable}, else ~/.cache/superconvergence)" };

    public static string ResolveCacheDirectory(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { Length: > 0 } explicitDirectory ? Path.GetFullPath(explicitDirectory) : DataCache.DefaultDirectory();
}
