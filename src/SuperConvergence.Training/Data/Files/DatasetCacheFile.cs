using SuperConvergence.Training.Runtime;

namespace SuperConvergence.Training.Data.Files;

/// <summary>A file's digest as last hashed: reused while its size and modification time are unchanged.</summary>
public sealed record FileDigest(string Name, long Size, long ModifiedTicks, string Sha256);

/// <summary>Normalisation statistics of one reading of the dataset (Key: content fingerprint and reference text).</summary>
public sealed record CachedStatistics(string Key, double[] Mean, double[] StandardDeviation);

public sealed record DatasetCacheContent(string? Fingerprint, IReadOnlyList<FileDigest> Files, IReadOnlyList<CachedStatistics> Statistics)
{
    public static DatasetCacheContent Empty { get; } = new(null, [], []);
}

/// <summary>
/// The small JSON file kept beside a user's dataset (<c>my-images.sc-dataset.json</c> beside <c>my-images/</c>,
/// <c>blobs.npz.sc-dataset.json</c> beside <c>blobs.npz</c>): each file's digest, so the content fingerprint rehashes
/// only what changed, and the normalisation statistics keyed by fingerprint. A cache only: unreadable means empty, and
/// where the folder is not writable nothing is kept (the work is redone next time).
/// </summary>
public sealed class DatasetCacheFile(string datasetPath)
{
    public const string Suffix = ".sc-dataset.json";
    private const int StatisticsKept = 8;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Path { get; } = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(datasetPath)) + Suffix;

    public DatasetCacheContent Read()
    {
        try
        {
            return File.Exists(Path) ? JsonSerializer.Deserialize<DatasetCacheContent>(File.ReadAllBytes(Path), Json) ?? DatasetCacheContent.Empty : DatasetCacheContent.Empty;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return DatasetCacheContent.Empty;
        }
    }

    /// <summary>Written under a unique temporary name and renamed, so concurrent workers never read half a file.</summary>
    public void Write(DatasetCacheContent content)
    {
        var partial = $"{Path}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial";
        try
        {
            OwnerOnlyFiles.WriteAllBytes(partial, JsonSerializer.SerializeToUtf8Bytes(content, Json));
            File.Move(partial, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(partial);
        }
    }

    /// <summary>The statistics cached under <paramref name="key"/>; null when none are.</summary>
    public CachedStatistics? StatisticsFor(string key) => Read().Statistics.FirstOrDefault(s => s.Key == key);

    public void SaveStatistics(CachedStatistics statistics)
    {
        var content = Read();
        Write(content with { Statistics = [statistics, .. content.Statistics.Where(s => s.Key != statistics.Key).Take(StatisticsKept - 1)] });
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing was kept; a stray temporary file is all that is left.
        }
    }
}
