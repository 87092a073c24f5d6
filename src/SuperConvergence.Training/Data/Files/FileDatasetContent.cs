namespace SuperConvergence.Training.Data.Files;

/// <summary>The split names a user's dataset can hold; <see cref="All"/> is a dataset that ships unsplit.</summary>
public static class SplitNames
{
    public const string Train = "train";
    public const string Validation = "validation";
    public const string Test = "test";
    public const string All = "all";
}

/// <summary>
/// What a reader found in a user's dataset: class names (index = label), the sample shape every split shares, the samples of each split as stored (train,
/// validation, test, or only all), the problems found (corrupt files, empty classes, length mismatches), and notes
/// for `sc data inspect` (e.g. the image sizes found before resizing).
/// </summary>
public sealed record FileDatasetContent(
    ImageShape Shape,
    IReadOnlyList<string> ClassNames,
    IReadOnlyDictionary<string, LabelledImages> Splits,
    IReadOnlyList<DatasetProblem> Problems,
    IReadOnlyList<string> Notes)
{
    public bool SplitGiven => !Splits.ContainsKey(SplitNames.All);

    /// <summary>Throws the first problem as a one-line <see cref="DatasetFormatException"/>, when there is one.</summary>
    public FileDatasetContent RequireNoProblems() => Problems.Count == 0 ? this : throw Problems[0].ToException();
}
