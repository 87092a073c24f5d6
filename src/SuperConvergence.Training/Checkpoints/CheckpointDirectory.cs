using System.Globalization;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Training.Checkpoints;

/// <summary>
/// Checkpoints as files, one per completed epoch (epoch-0003.sccheckpoint), each written under a temporary name and
/// renamed into place, so a crash mid-write never leaves a damaged file where a checkpoint should be.
/// </summary>
public sealed class CheckpointDirectory(string path)
{
    private const string Prefix = "epoch-";
    private const string Extension = ".sccheckpoint";

    public string Path { get; } = path;

    public string Save(TrainingCheckpoint checkpoint)
    {
        Directory.CreateDirectory(Path);
        var target = System.IO.Path.Combine(Path, $"{Prefix}{checkpoint.Epoch:D4}{Extension}");
        var partial = target + ".partial";
        File.WriteAllBytes(partial, checkpoint.State);
        File.Move(partial, target, overwrite: true);
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

    private static int? EpochOf(string file)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(file);
        return int.TryParse(name[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) ? epoch : null;
    }
}
