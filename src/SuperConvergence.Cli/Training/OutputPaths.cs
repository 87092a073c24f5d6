namespace SuperConvergence.Cli.Training;

/// <summary>
/// Checks, before any training, that the places a command writes to at its end take files: a run must not train
/// for an hour and then fail to save what it learned.
/// </summary>
internal static class OutputPaths
{
    /// <summary>Creates the directory <paramref name="value"/> names where missing, for its owner only (it holds runs); returns its full path.</summary>
    public static string RequireWritableDirectory(string option, string value)
    {
        var path = Path.GetFullPath(value);
        OptionChecks.Require(!File.Exists(path), option, value, "is a file, not a directory");
        if (WritableDirectory.Problem(path, ownerOnly: true) is { } problem)
        {
            throw CliException.BadInput(option, value, $"is not a writable directory: {problem}");
        }

        return path;
    }

    /// <summary>
    /// Opens the file <paramref name="value"/> names for writing without changing it (an existing file keeps its
    /// content, a new one is removed again); returns its full path.
    /// </summary>
    public static string RequireWritableFile(string option, string value)
    {
        var path = Path.GetFullPath(value);
        OptionChecks.Require(!Directory.Exists(path), option, value, "is a directory; name a file");
        OptionChecks.Require(Directory.Exists(Path.GetDirectoryName(path)), option, value, "is in a directory that does not exist");
        try
        {
            var existed = File.Exists(path);
            using var probe = new FileStream(
                path, existed ? FileMode.Open : FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite, 1, existed ? FileOptions.None : FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.BadInput(option, value, $"cannot be written: {e.Message}");
        }

        return path;
    }
}
