namespace SuperConvergence.Training.Data.Files;

/// <summary>
/// Reads a user's dataset (<see cref="DatasetReference"/>) in whichever form it has, splits it when its files do not
/// (stratified, seeded: the same split on every machine), and attaches the normalisation statistics of its training
/// split, cached beside the data under its content fingerprint.
/// </summary>
public static class FileDatasets
{
    /// <summary>What the files hold, problems included (for `sc data inspect`); throws only when nothing can be read.</summary>
    public static FileDatasetContent ReadContent(DatasetReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var shape = reference.Shape is { } s ? new ImageShape(s.Channels, s.Height, s.Width) : (ImageShape?)null;
        return reference.Format switch
        {
            DatasetFileFormat.ImageFolder => ImageFolderReader.Read(reference.Path, shape),
            DatasetFileFormat.Npz => NumPyDatasetReader.Read(reference.Path, NumPyArrays.ReadArchive(reference.Path), shape),
            DatasetFileFormat.Npy => NumPyDatasetReader.Read(reference.Path, NumPyArrays.ReadFolder(reference.Path), shape),
            DatasetFileFormat.Csv => CsvTableReader.Read(reference.Path, reference.Label),
            _ => throw new ArgumentOutOfRangeException(nameof(reference), reference.Format, "unknown dataset format"),
        };
    }

    /// <summary>The dataset ready to train on; a <see cref="DatasetFormatException"/> naming the first problem otherwise.</summary>
    /// <param name="content">What <see cref="ReadContent"/> already read, when the caller has it (`sc data inspect`).</param>
    public static FileDatasetDefinition Load(DatasetReference reference, FileDatasetContent? content = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var cache = new DatasetCacheFile(reference.Path);
        var fingerprint = DatasetFingerprint.Of(reference.Path, cache);
        content = (content ?? ReadContent(reference)).RequireNoProblems();
        var splits = Split(content, reference);
        var key = $"{fingerprint}|{reference}";
        ChannelStatistics statistics;
        if (cache.StatisticsFor(key) is { } cached && cached.Mean.Length == content.Shape.Channels)
        {
            statistics = new ChannelStatistics(cached.Mean, cached.StandardDeviation);
        }
        else
        {
            statistics = ChannelStatistics.Of(splits.Train);
            cache.SaveStatistics(new CachedStatistics(key, statistics.Mean, statistics.StandardDeviation));
        }

        return new FileDatasetDefinition(reference, content.ClassNames, fingerprint, splits with { Statistics = statistics });
    }

    /// <summary>
    /// The given split as it is; otherwise our stratified one: the test fraction of every class held out, then the
    /// validation fraction (of the whole) carved from the rest, each by a seeded shuffle within the class.
    /// </summary>
    public static DatasetSplits Split(FileDatasetContent content, DatasetReference reference)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(reference);
        if (content.SplitGiven)
        {
            return new DatasetSplits(content.Splits[SplitNames.Train], content.Splits[SplitNames.Test], content.Splits.GetValueOrDefault(SplitNames.Validation));
        }

        var seed = (ulong)(uint)reference.SplitSeed;
        var held = StratifiedSplit.Split(content.Splits[SplitNames.All], reference.TestFraction, seed);
        if (reference.ValidationFraction <= 0)
        {
            return new DatasetSplits(held.Train, held.Test);
        }

        var carved = StratifiedSplit.Split(held.Train, reference.ValidationFraction / (1 - reference.TestFraction), seed + 1);
        return new DatasetSplits(carved.Train, held.Test, carved.Test);
    }
}
