namespace SuperConvergence.Training.Data;

/// <summary>A dataset the trainer knows by name: its image shape, classes, augmentation and where its files live.</summary>
public abstract class DatasetDefinition
{
    public abstract string Name { get; }

    /// <summary>How messages name the dataset (a user's dataset: its file or folder name, not its whole reference).</summary>
    public virtual string DisplayName => Name;

    /// <summary>
    /// The fingerprint of the files read, stored in checkpoints so that a changed dataset never resumes an old one; null
    /// for the built-in datasets, whose files are fixed (and whose checkpoints predate fingerprints).
    /// </summary>
    public virtual string? ContentFingerprint => null;

    public abstract ImageShape Shape { get; }

    public abstract int ClassCount { get; }

    /// <summary>Augmentation for training batches (never applied to evaluation).</summary>
    public virtual Augmentation TrainingAugmentation => Augmentation.None;

    /// <summary>The files the loader reads, relative to <see cref="DirectoryIn"/>; empty when none are needed.</summary>
    public abstract IReadOnlyList<string> RequiredFiles { get; }

    public string DirectoryIn(string cacheDirectory) => Path.Combine(cacheDirectory, Name);

    /// <summary>Reads the train and test halves; throws <see cref="DatasetNotCachedException"/> when files are missing.</summary>
    public abstract DatasetSplits Load(string cacheDirectory);

    public virtual bool IsCachedIn(string cacheDirectory) =>
        RequiredFiles.All(file => Locate(cacheDirectory, file) is not null);

    /// <summary>The path of <paramref name="file"/> as stored: as named, or without its .gz suffix (unpacked by hand).</summary>
    protected string? Locate(string cacheDirectory, string file)
    {
        var path = Path.Combine(DirectoryIn(cacheDirectory), file);
        if (File.Exists(path))
        {
            return path;
        }

        var unpacked = path.EndsWith(".gz", StringComparison.Ordinal) ? path[..^3] : path + ".gz";
        return File.Exists(unpacked) ? unpacked : null;
    }

    protected string Require(string cacheDirectory, string file) =>
        Locate(cacheDirectory, file) ?? throw new DatasetNotCachedException(Name, Path.Combine(DirectoryIn(cacheDirectory), file));
}
