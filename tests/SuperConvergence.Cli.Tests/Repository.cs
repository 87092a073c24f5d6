namespace SuperConvergence.Cli.Tests;

/// <summary>The repository these tests were built from, for the files it ships (examples/).</summary>
internal static class Repository
{
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "examples")) && Directory.Exists(Path.Combine(directory.FullName, "src")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no repository with examples/ and src/ above {AppContext.BaseDirectory}");
    }
}
