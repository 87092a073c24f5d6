namespace SuperConvergence.Training.Runtime;

/// <summary>
/// Proves up front that a directory takes files, for work that would otherwise find out only when it first writes
/// there (after an epoch, after a download).
/// </summary>
public static class WritableDirectory
{
    /// <summary>
    /// Creates <paramref name="path"/> where missing (for its owner only with <paramref name="ownerOnly"/>: it will
    /// hold a user's runs) and writes, then removes, a probe file in it.
    /// </summary>
    /// <returns>Null when the directory takes files, else what stands in the way (a sentence that names the path).</returns>
    public static string? Problem(string path, bool ownerOnly = false)
    {
        if (File.Exists(path))
        {
            return $"{path} is a file, not a directory";
        }

        try
        {
            if (ownerOnly)
            {
                OwnerOnlyFiles.CreateFolder(path);
            }
            else
            {
                Directory.CreateDirectory(path);
            }

            using (File.Create(Path.Combine(path, $".sc-write-probe-{Guid.NewGuid():N}"), 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
