namespace SuperConvergence.Training.Data.Files;

/// <summary>Samples of each class in one split (index = label).</summary>
public sealed record SplitCounts(string Split, IReadOnlyList<int> PerClass)
{
    public int Total => PerClass.Sum();
}

/// <summary>
/// What `sc data inspect` reports of a user's dataset: format, content fingerprint, sample shape, classes, counts per
/// class and split (the split given, or ours), normalisation statistics of the training split, notes and problems.
/// With problems, the counts are those of the files that could be read, unsplit, and there are no statistics.
/// </summary>
public sealed record DatasetInspection(
    DatasetReference Reference,
    string Fingerprint,
    ImageShape Shape,
    IReadOnlyList<string> ClassNames,
    bool SplitGiven,
    IReadOnlyList<SplitCounts> Counts,
    ChannelStatistics? Statistics,
    IReadOnlyList<string> Notes,
    IReadOnlyList<DatasetProblem> Problems)
{
    public static DatasetInspection Of(DatasetReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var content = FileDatasets.ReadContent(reference);
        if (content.Problems.Count > 0)
        {
            return new DatasetInspection(
                reference, DatasetFingerprint.Of(reference.Path), content.Shape, content.ClassNames, content.SplitGiven,
                [.. content.Splits.Select(split => CountsOf(split.Key, split.Value))], null, content.Notes, content.Problems);
        }

        var dataset = FileDatasets.Load(reference, content);
        var splits = dataset.Splits;
        var counts = new List<SplitCounts> { CountsOf(SplitNames.Train, splits.Train) };
        if (splits.Validation is { } validation)
        {
            counts.Add(CountsOf(SplitNames.Validation, validation));
        }

        counts.Add(CountsOf(SplitNames.Test, splits.Test));
        return new DatasetInspection(
            reference, dataset.ContentFingerprint!, content.Shape, content.ClassNames, content.SplitGiven, counts, splits.Statistics, content.Notes, []);
    }

    private static SplitCounts CountsOf(string split, LabelledImages samples)
    {
        var perClass = new int[samples.ClassCount];
        foreach (var label in samples.Labels)
        {
            perClass[label]++;
        }

        return new SplitCounts(split, perClass);
    }
}
