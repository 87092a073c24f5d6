namespace SuperConvergence.Silo.Tests.Support;

/// <summary>Files of the source tree, found from the test binary's location.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SqlFolder(string dialect) =>
        Path.Combine(Root, "src", "SuperConvergence.Silo", "Persistence", "Sql", dialect);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SuperConvergence.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no SuperConvergence.sln above {AppContext.BaseDirectory}");
    }
}
