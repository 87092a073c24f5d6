using SuperConvergence.Training.Runtime;

namespace SuperConvergence.Training.Data.Acquisition;

/// <summary>What `sc data get` did.</summary>
public sealed record AcquisitionResult(string Dataset, string Directory, DatasetProvenance? Provenance, bool AlreadyCached, IReadOnlyList<string> FailedAttempts);

/// <summary>
/// Fetches a dataset into the cache by trying its sources in order (official download first) and stops at the
/// first that delivers files the reader accepts.
/// </summary>
public sealed class DatasetAcquirer(string cacheDirectory, Func<DatasetDefinition, IReadOnlyList<IDatasetSource>> sourcesFor)
{
    public string CacheDirectory { get; } = cacheDirectory;

    /// <exception cref="DatasetCacheUnwritableException">The dataset's directory in the cache cannot be created or written.</exception>
    /// <exception cref="DatasetUnavailableException">Every source failed.</exception>
    public async Task<AcquisitionResult> GetAsync(DatasetDefinition dataset, bool force, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var directory = dataset.DirectoryIn(CacheDirectory);
        if (!force && dataset.IsCachedIn(CacheDirectory))
        {
            return new AcquisitionResult(dataset.Name, directory, DatasetProvenance.ReadFrom(directory), AlreadyCached: true, []);
        }

        if (WritableDirectory.Problem(directory) is { } problem)
        {
            throw new DatasetCacheUnwritableException(directory, problem);
        }

        var sources = sourcesFor(dataset);
        var failures = new List<string>();
        foreach (var source in sources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress.Report($"trying {source.Description}");
            try
            {
                var provenance = await source.FetchAsync(directory, progress, cancellationToken);
                // A source only counts once the reader accepts what it delivered.
                dataset.Load(CacheDirectory);
                provenance.WriteTo(directory);
                return new AcquisitionResult(dataset.Name, directory, provenance, AlreadyCached: false, failures);
            }
            catch (Exception e) when (IsSourceFailure(e) && !cancellationToken.IsCancellationRequested)
            {
                if (e is DatasetFormatException or DatasetNotCachedException)
                {
                    // Delivered but unreadable: never leave files that would later pass for a cached dataset.
                    RemoveRequiredFiles(dataset, directory);
                }

                var reason = e is TaskCanceledException ? "timed out" : e.Message;
                failures.Add($"{source.Description}: {reason}");
                progress.Report($"  failed: {reason}");
            }
        }

        throw new DatasetUnavailableException(dataset.Name, failures, ManualInstructions(dataset, directory, sources));
    }

    private static bool IsSourceFailure(Exception e) =>
        e is DatasetSourceException or HttpRequestException or IOException or UnauthorizedAccessException
            or DatasetFormatException or DatasetNotCachedException or TaskCanceledException;

    private static void RemoveRequiredFiles(DatasetDefinition dataset, string directory)
    {
        foreach (var file in dataset.RequiredFiles)
        {
            var path = Path.Combine(directory, file);
            File.Delete(path);
            File.Delete(path.EndsWith(".gz", StringComparison.Ordinal) ? path[..^3] : path + ".gz");
        }
    }

    public static string ManualInstructions(DatasetDefinition dataset, string directory, IReadOnlyList<IDatasetSource> sources)
    {
        var locations = sources.Select(s => s.ManualLocation).OfType<string>().ToList();
        return $"place these files (gzip-compressed or not) in {directory}: {string.Join(", ", dataset.RequiredFiles)}" +
               (dataset is Cifar10DatasetDefinition ? " (the CIFAR-10 binary version, unpacked)" : "") +
               (locations.Count > 0 ? $"; they are published at {string.Join(", ", locations)}" : "") +
               "; then `sc data list` shows the dataset as cached";
    }
}
