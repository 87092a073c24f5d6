namespace SuperConvergence.Core.Tests;

/// <summary>Files of the repository the tests read (examples, docs), found by walking up to the solution file.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "SuperConvergence.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No SuperConvergence.sln above {AppContext.BaseDirectory}.");
    }
}
