namespace SuperConvergence.Training.Data.Files;

/// <summary>
/// The content fingerprint of a user's dataset: SHA-256 over every file's relative name, size and SHA-256 (in ordinal
/// order of names), shown as 16 hex digits. Renaming, adding, removing or editing any file changes it. File digests
/// are cached in the <see cref="DatasetCacheFile"/>: a file whose size and modification time are unchanged is not read
/// again, so checking an unchanged dataset costs one directory walk.
/// </summary>
public static class DatasetFingerprint
{
    public static string Of(string path) => Of(path, new DatasetCacheFile(path));

    public static string Of(string path, DatasetCacheFile cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var files = FilesOf(path);
        var content = cache.Read();
        var known = content.Files.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var digests = new List<FileDigest>(files.Count);
        var changed = content.Files.Count != files.Count;
        foreach (var (name, full) in files)
        {
            var info = new FileInfo(full);
            var modified = info.LastWriteTimeUtc.Ticks;
            if (known.TryGetValue(name, out var cached) && cached.Size == info.Length && cached.ModifiedTicks == modified)
            {
                digests.Add(cached);
                continue;
            }

            using var stream = File.OpenRead(full);
            digests.Add(new FileDigest(name, info.Length, modified, Convert.ToHexStringLower(SHA256.HashData(stream))));
            changed = true;
        }

        var summary = new StringBuilder();
        foreach (var digest in digests)
        {
            summary.Append(digest.Name).Append('\t').Append(digest.Size).Append('\t').Append(digest.Sha256).Append('\n');
        }

        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(summary.ToString())))[..16];
        if (changed || content.Fingerprint != fingerprint)
        {
            cache.Write(content with { Fingerprint = fingerprint, Files = digests });
        }

        return fingerprint;
    }

    /// <summary>(relative name with '/' separators, full path) of every file the dataset is: the file itself, or all under the folder.</summary>
    private static List<(string Name, string Full)> FilesOf(string path)
    {
        if (File.Exists(path))
        {
            return [(Path.GetFileName(path), path)];
        }

        if (!Directory.Exists(path))
        {
            throw new DatasetFormatException(path, "does not exist");
        }

        return [.. Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Select(full => (Name: Path.GetRelativePath(path, full).Replace(Path.DirectorySeparatorChar, '/'), Full: full))
            .OrderBy(file => file.Name, StringComparer.Ordinal)];
    }
}
