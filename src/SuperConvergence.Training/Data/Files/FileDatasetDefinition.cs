namespace SuperConvergence.Training.Data.Files;

/// <summary>
/// A user's dataset once read: its reference text is its name (what trial configs carry), shape and classes come
/// from the files, and its content fingerprint goes into every checkpoint trained on it.
/// </summary>
public sealed class FileDatasetDefinition(DatasetReference reference, IReadOnlyList<string> classNames, string fingerprint, DatasetSplits splits)
    : DatasetDefinition
{
    public DatasetReference Reference { get; } = reference;

    public IReadOnlyList<string> ClassNames { get; } = classNames;

    public DatasetSplits Splits { get; } = splits;

    public override string Name => Reference.ToString();

    public override ImageShape Shape => Splits.Train.Shape;

    public override int ClassCount => Splits.Train.ClassCount;

    public override string? ContentFingerprint { get; } = fingerprint;

    public override string DisplayName => Reference.DisplayName;

    public override IReadOnlyList<string> RequiredFiles => [];

    public override bool IsCachedIn(string cacheDirectory) => true;

    /// <summary>The splits read when this definition was made: a user's files do not live in the cache directory.</summary>
    public override DatasetSplits Load(string cacheDirectory) => Splits;
}
