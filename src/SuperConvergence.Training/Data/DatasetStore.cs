using System.Collections.Concurrent;
using SuperConvergence.Training.Data.Files;
using SuperConvergence.Training.Data.Plugins;

namespace SuperConvergence.Training.Data;

/// <summary>
/// Loads datasets from one cache directory and keeps each decoded once per store, so a worker running many
/// trials on the same dataset reads and decompresses its files a single time. A user's dataset (a
/// <see cref="DatasetReference"/> text) is read from its own path and kept while its content fingerprint holds: one
/// changed on disk is read again, never trained on from the old copy. A plugin's dataset
/// (<see cref="PluginDatasetReference"/>) is loaded once per store, with the cache directory as its data directory.
/// </summary>
public sealed class DatasetStore(string cacheDirectory)
{
    private readonly ConcurrentDictionary<string, Lazy<DatasetSplits>> _loaded = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<FileDatasetDefinition>> _userDatasets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<PluginDatasetDefinition>> _pluginDatasets = new(StringComparer.Ordinal);

    public string CacheDirectory { get; } = cacheDirectory;

    public (DatasetDefinition Definition, PreparedData Data) Prepare(string dataset, DataSelection selection)
    {
        if (DatasetReference.TryParse(dataset) is { } reference)
        {
            var definition = PrepareUserDataset(reference);
            return (definition, selection.Apply(definition.Splits));
        }

        if (PluginDatasetReference.Parse(dataset) is { } plugin)
        {
            var entry = _pluginDatasets.GetOrAdd(plugin.DatasetName, _ => new Lazy<PluginDatasetDefinition>(() => PluginDatasets.Load(plugin, CacheDirectory)));
            var definition = LoadedOrForgotten(_pluginDatasets, plugin.DatasetName, entry);
            return (definition, selection.Apply(definition.Splits));
        }

        var builtIn = DatasetCatalog.Get(dataset);
        var splits = _loaded.GetOrAdd(builtIn.Name, _ => new Lazy<DatasetSplits>(() => builtIn.Load(CacheDirectory)));
        return (builtIn, selection.Apply(LoadedOrForgotten(_loaded, builtIn.Name, splits)));
    }

    private FileDatasetDefinition PrepareUserDataset(DatasetReference reference)
    {
        var key = reference.ToString();
        var fingerprint = DatasetFingerprint.Of(reference.Path);
        var entry = _userDatasets.AddOrUpdate(
            key,
            _ => new Lazy<FileDatasetDefinition>(() => FileDatasets.Load(reference)),
            (_, existing) => existing.IsValueCreated && existing.Value.ContentFingerprint != fingerprint
                ? new Lazy<FileDatasetDefinition>(() => FileDatasets.Load(reference))
                : existing);
        return LoadedOrForgotten(_userDatasets, key, entry);
    }

    /// <summary>
    /// Lazy keeps a failed load's exception for good: forget it, so files placed (or `sc data get`) later are read by
    /// the next trial instead of the worker failing that dataset until it restarts.
    /// </summary>
    private static T LoadedOrForgotten<T>(ConcurrentDictionary<string, Lazy<T>> entries, string key, Lazy<T> entry)
    {
        try
        {
            return entry.Value;
        }
        catch
        {
            entries.TryRemove(new KeyValuePair<string, Lazy<T>>(key, entry));
            throw;
        }
    }
}
