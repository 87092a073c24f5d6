namespace SuperConvergence.Training.Command;

/// <summary>
/// Where a program named as a command line names it is: a name with a '/' is a path (relative to the working
/// directory), any other name is looked up on PATH, as a shell would.
/// </summary>
public static class ProgramPath
{
    /// <summary>The variable a program's name is looked up on (docs/cluster.md's table of what the silo reads).</summary>
    public const string SearchPathVariable = "PATH";

    /// <summary>The program's full path, or null when there is no such file.</summary>
    public static string? Find(string program)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        if (program.Contains('/', StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(program);
            return File.Exists(path) ? path : null;
        }

        return (Environment.GetEnvironmentVariable(SearchPathVariable) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>What stops <paramref name="program"/> from being run here, as the rest of a one-line message; null when nothing does.</summary>
    public static string? Problem(string program)
    {
        if (string.IsNullOrWhiteSpace(program))
        {
            return "must name the program to run";
        }

        if (Find(program) is not { } path)
        {
            return program.Contains('/', StringComparison.Ordinal)
                ? $"is not a file (relative paths are from the working directory, {Environment.CurrentDirectory})"
                : "is not a program on PATH";
        }

        const UnixFileMode executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & executable) != 0
            ? null
            : "is not executable: chmod +x it, or run it through its interpreter ([python3, SCRIPT, …])";
    }
}
