using System.Collections.Concurrent;

namespace SuperConvergence.Training.Data;

/// <summary>
/// Loads datasets from one cache directory and keeps each decoded once per store, so a worker running many
/// trials on the same dataset reads and decompresses its files a single time.
/// </summary>
public sealed class DatasetStore(string cacheDirectory)
{
    private readonly ConcurrentDictionary<string, Lazy<DatasetSplits>> loaded = new(StringComparer.OrdinalIgnoreCase);

    public string CacheDirectory { get; } = cacheDirectory;

    public (DatasetDefinition Definition, PreparedData Data) Prepare(string dataset, DataSelection selection)
    {
        var definition = DatasetCatalog.Get(dataset);
        var entry = loaded.GetOrAdd(definition.Name, _ => new Lazy<DatasetSplits>(() => definition.Load(CacheDirectory)));
        DatasetSplits splits;
        try
        {
            splits = entry.Value;
        }
        catch
        {
            // Lazy keeps a failed load's exception for good: forget it, so files placed (or `sc data get`) later
            // are read by the next trial instead of the worker failing that dataset until it restarts.
            loaded.TryRemove(new KeyValuePair<string, Lazy<DatasetSplits>>(definition.Name, entry));
            throw;
        }

        return (definition, selection.Apply(splits));
    }
}
