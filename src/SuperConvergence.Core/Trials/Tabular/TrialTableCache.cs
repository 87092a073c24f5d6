using System.Collections.Concurrent;

namespace SuperConvergence.Core.Trials.Tabular;

/// <summary>
/// One parsed table per file and version on a host: every trial of a tabular sweep asks for its trainer, and a table
/// is read and checked once, not once per trial. A file rewritten in place (new length or write time) is read again.
/// </summary>
public sealed class TrialTableCache
{
    private readonly ConcurrentDictionary<(string Path, DateTime Written, long Length), Lazy<TrialTableIndex>> _tables = new();

    /// <summary>The index of the table at <paramref name="path"/>; throws <see cref="TrialTableFormatException"/> when it cannot be used.</summary>
    public TrialTableIndex Get(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new TrialTableFormatException($"{path}: no such file");
        }

        var key = (file.FullName, file.LastWriteTimeUtc, file.Length);
        var entry = _tables.GetOrAdd(key, _ => new Lazy<TrialTableIndex>(() => new TrialTableIndex(TrialTableFile.Read(path), path)));
        try
        {
            return entry.Value;
        }
        catch (TrialTableFormatException)
        {
            // Not cached: the user may fix the file and try again without a restart.
            _tables.TryRemove(key, out _);
            throw;
        }
    }
}
