using SuperConvergence.Training.Runtime;

namespace SuperConvergence.Training.Checkpoints;

/// <summary>
/// Checkpoints as files, one per completed epoch (epoch-0003.sccheckpoint), each written under a temporary name and
/// renamed into place, so a crash mid-write never leaves a damaged file where a checkpoint should be. Beside each,
/// when given, the epoch's metrics (epoch-0003.metrics.json): a run resumed from its final epoch has nothing left
/// to train and reports those.
/// </summary>
public sealed class CheckpointDirectory(string path)
{
    private const string Prefix = "epoch-";
    private const string Extension = ".sccheckpoint";
    private const string MetricsExtension = ".metrics.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Path { get; } = path;

    /// <summary>Writes the metrics first, so a checkpoint in place always has the metrics that came with it.</summary>
    public string Save(TrainingCheckpoint checkpoint, EpochMetrics? metrics = null)
    {
        OwnerOnlyFiles.CreateFolder(Path);
        if (metrics is not null)
        {
            WriteAtomically(FileFor(checkpoint.Epoch, MetricsExtension), JsonSerializer.SerializeToUtf8Bytes(metrics, Json));
        }

        var target = FileFor(checkpoint.Epoch, Extension);
        WriteAtomically(target, checkpoint.State);
        return target;
    }

    /// <summary>The checkpoint of the highest epoch, or null when the directory holds none.</summary>
    public TrainingCheckpoint? Latest()
    {
        if (!Directory.Exists(Path))
        {
            return null;
        }

        var candidates = Directory.EnumerateFiles(Path, $"{Prefix}*{Extension}")
            .Select(file => (File: file, Epoch: EpochOf(file)))
            .Where(entry => entry.Epoch is not null)
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var latest = candidates.MaxBy(entry => entry.Epoch);
        return new TrainingCheckpoint(latest.Epoch!.Value, File.ReadAllBytes(latest.File));
    }

    /// <summary>The file epoch <paramref name="epoch"/>'s checkpoint is (or would be) written to.</summary>
    public string FileOf(int epoch) => FileFor(epoch, Extension);

    /// <summary>The names of the checkpoints and metrics files a run has written here, in order; empty when none.</summary>
    public IReadOnlyList<string> RunFiles()
    {
        if (!Directory.Exists(Path))
        {
            return [];
        }

        return Directory.EnumerateFiles(Path, $"{Prefix}*")
            .Select(file => System.IO.Path.GetFileName(file))
            .Where(name => (name.EndsWith(Extension, StringComparison.Ordinal) || name.EndsWith(MetricsExtension, StringComparison.Ordinal))
                && EpochOf(name) is not null)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The metrics saved with epoch <paramref name="epoch"/>'s checkpoint; null when none were, or they cannot be read.</summary>
    public EpochMetrics? MetricsOf(int epoch)
    {
        var file = FileFor(epoch, MetricsExtension);
        try
        {
            return File.Exists(file) ? JsonSerializer.Deserialize<EpochMetrics>(File.ReadAllBytes(file), Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string FileFor(int epoch, string extension) =>
        System.IO.Path.Combine(Path, string.Create(CultureInfo.InvariantCulture, $"{Prefix}{epoch:D4}{extension}"));

    private static void WriteAtomically(string target, byte[] content)
    {
        var partial = target + ".partial";
        OwnerOnlyFiles.WriteAllBytes(partial, content);
        File.Move(partial, target, overwrite: true);
    }

    private static int? EpochOf(string file)
    {
        var name = System.IO.Path.GetFileName(file);
        name = name.EndsWith(MetricsExtension, StringComparison.Ordinal) ? name[..^MetricsExtension.Length] : System.IO.Path.GetFileNameWithoutExtension(name);
        return int.TryParse(name[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) ? epoch : null;
    }
}
