namespace SuperConvergence.Cli.Training;

/// <summary>The JSON contract of `sc data inspect --format json` (docs/cli-json.md).</summary>
/// <param name="Counts">Per split (in the dataset's order), per class (in the class order): how many samples.</param>
/// <param name="SplitSettings">Our stratified split's fractions and seed; null when the files give the split.</param>
public sealed record DatasetInspectionDocument(
    string Path,
    string Format,
    string Fingerprint,
    IReadOnlyList<int> SampleShape,
    IReadOnlyList<string> Classes,
    string Split,
    SplitSettingsDocument? SplitSettings,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Counts,
    ChannelStatisticsDocument? Statistics,
    IReadOnlyList<string> Notes,
    IReadOnlyList<DatasetProblemDocument> Problems);

/// <summary>How our stratified split was made.</summary>
public sealed record SplitSettingsDocument(double Test, double Validation, int Seed);

/// <summary>Per-channel normalisation statistics.</summary>
public sealed record ChannelStatisticsDocument(IReadOnlyList<double> Mean, IReadOnlyList<double> StandardDeviation);

/// <summary>One file the inspection could not use, and why.</summary>
public sealed record DatasetProblemDocument(string Path, string Problem);
