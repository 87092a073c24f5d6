using SuperConvergence.Core.Datasets;
using SuperConvergence.Training.Data.Files;

namespace SuperConvergence.Cli.Training;

/// <summary>`sc data inspect` as text for people and as JSON for scripts (docs/cli-json.md).</summary>
internal static class DatasetInspectionReport
{
    public static string Text(DatasetInspection inspection)
    {
        var reference = inspection.Reference;
        var text = new StringBuilder();
        text.AppendLine($"dataset:      {reference.Path}");
        text.AppendLine($"format:       {DatasetFileFormats.NameOf(reference.Format)}");
        text.AppendLine($"fingerprint:  {inspection.Fingerprint}");
        text.AppendLine($"sample shape: {inspection.Shape} (channels x height x width)");
        text.AppendLine($"classes:      {inspection.ClassNames.Count} ({string.Join(", ", inspection.ClassNames.Take(20))}{(inspection.ClassNames.Count > 20 ? ", …" : "")})");
        text.AppendLine($"split:        {SplitText(inspection)}");
        foreach (var note in inspection.Notes)
        {
            text.AppendLine($"note:         {note}");
        }

        var width = Math.Max(5, inspection.ClassNames.Max(name => name.Length));
        text.Append("class".PadRight(width));
        foreach (var split in inspection.Counts)
        {
            text.Append(' ').Append(split.Split.PadLeft(10));
        }

        text.AppendLine();
        for (var c = 0; c < inspection.ClassNames.Count; c++)
        {
            text.Append(inspection.ClassNames[c].PadRight(width));
            foreach (var split in inspection.Counts)
            {
                text.Append(' ').Append(split.PerClass[c].ToString(CultureInfo.InvariantCulture).PadLeft(10));
            }

            text.AppendLine();
        }

        text.Append("total".PadRight(width));
        foreach (var split in inspection.Counts)
        {
            text.Append(' ').Append(split.Total.ToString(CultureInfo.InvariantCulture).PadLeft(10));
        }

        text.AppendLine();
        text.AppendLine(inspection.Statistics is { } statistics
            ? $"statistics:   per-channel mean {Numbers(statistics.Mean)}, standard deviation {Numbers(statistics.StandardDeviation)} (training split)"
            : "statistics:   not computed while the dataset has problems");
        if (inspection.Problems.Count == 0)
        {
            text.Append("problems:     none");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"problems:     {inspection.Problems.Count}");
            foreach (var problem in inspection.Problems)
            {
                text.AppendLine().Append("  ").Append(problem);
            }
        }

        return text.ToString();
    }

    public static string Json(DatasetInspection inspection)
    {
        var reference = inspection.Reference;
        return JsonWriting.Write(
            new DatasetInspectionDocument(
                reference.Path,
                DatasetFileFormats.NameOf(reference.Format),
                inspection.Fingerprint,
                [inspection.Shape.Channels, inspection.Shape.Height, inspection.Shape.Width],
                inspection.ClassNames,
                inspection.SplitGiven ? "given" : "stratified",
                inspection.SplitGiven ? null : new SplitSettingsDocument(reference.TestFraction, reference.ValidationFraction, reference.SplitSeed),
                inspection.Counts.ToDictionary(
                    split => split.Split,
                    split => (IReadOnlyDictionary<string, int>)inspection.ClassNames.Select((name, c) => (name, c)).ToDictionary(x => x.name, x => split.PerClass[x.c])),
                inspection.Statistics is { } statistics ? new ChannelStatisticsDocument(statistics.Mean, statistics.StandardDeviation) : null,
                inspection.Notes,
                [.. inspection.Problems.Select(p => new DatasetProblemDocument(p.Path, p.Problem))]),
            CliJsonContext.Default.DatasetInspectionDocument);
    }

    private static string SplitText(DatasetInspection inspection) => inspection.SplitGiven
        ? $"given ({string.Join(", ", inspection.Counts.Select(c => c.Split))})"
        : inspection.Problems.Count > 0
            ? "none in the files; ours is made once the problems are fixed"
            : string.Create(CultureInfo.InvariantCulture, $"ours, stratified: test {inspection.Reference.TestFraction:R}, validation {inspection.Reference.ValidationFraction:R}, seed {inspection.Reference.SplitSeed}");

    private static string Numbers(IEnumerable<double> values) =>
        "[" + string.Join(", ", values.Take(8).Select(v => v.ToString("G5", CultureInfo.InvariantCulture))) + (values.Skip(8).Any() ? ", …" : "") + "]";
}
