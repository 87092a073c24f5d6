namespace SuperConvergence.Testing.Files;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory(string prefix = "sc-test")
        : this(Directory.CreateTempSubdirectory(prefix + "-"))
    {
    }

    private TemporaryDirectory(DirectoryInfo directory) => Path = directory.FullName;

    public string Path { get; }

    public static TemporaryDirectory Create(string prefix = "sc-test-") => new(Directory.CreateTempSubdirectory(prefix));

    /// <summary>A path inside the directory (parents are created).</summary>
    public string File(string relativePath)
    {
        var path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
