using System.Globalization;
using System.Text;
using SuperConvergence.Cli.Sweeps;
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

    public static string Json(DatasetInspection inspection) => JsonWriting.Write(w =>
    {
        var reference = inspection.Reference;
        w.WriteStartObject();
        w.WriteString("path", reference.Path);
        w.WriteString("format", DatasetFileFormats.NameOf(reference.Format));
        w.WriteString("fingerprint", inspection.Fingerprint);
        w.WriteStartArray("sampleShape");
        w.WriteNumberValue(inspection.Shape.Channels);
        w.WriteNumberValue(inspection.Shape.Height);
        w.WriteNumberValue(inspection.Shape.Width);
        w.WriteEndArray();
        w.WriteStartArray("classes");
        foreach (var name in inspection.ClassNames)
        {
            w.WriteStringValue(name);
        }

        w.WriteEndArray();
        w.WriteString("split", inspection.SplitGiven ? "given" : "stratified");
        if (inspection.SplitGiven)
        {
            w.WriteNull("splitSettings");
        }
        else
        {
            w.WriteStartObject("splitSettings");
            w.WriteNumber("test", reference.TestFraction);
            w.WriteNumber("validation", reference.ValidationFraction);
            w.WriteNumber("seed", reference.SplitSeed);
            w.WriteEndObject();
        }

        w.WriteStartObject("counts");
        foreach (var split in inspection.Counts)
        {
            w.WriteStartObject(split.Split);
            for (var c = 0; c < inspection.ClassNames.Count; c++)
            {
                w.WriteNumber(inspection.ClassNames[c], split.PerClass[c]);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        if (inspection.Statistics is { } statistics)
        {
            w.WriteStartObject("statistics");
            WriteNumbers(w, "mean", statistics.Mean);
            WriteNumbers(w, "standardDeviation", statistics.StandardDeviation);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("statistics");
        }

        w.WriteStartArray("notes");
        foreach (var note in inspection.Notes)
        {
            w.WriteStringValue(note);
        }

        w.WriteEndArray();
        w.WriteArrayOfObjects("problems", inspection.Problems, static (o, p) =>
        {
            o.WriteString("path", p.Path);
            o.WriteString("problem", p.Problem);
        });
        w.WriteEndObject();
    });

    private static string SplitText(DatasetInspection inspection) => inspection.SplitGiven
        ? $"given ({string.Join(", ", inspection.Counts.Select(c => c.Split))})"
        : inspection.Problems.Count > 0
            ? "none in the files; ours is made once the problems are fixed"
            : string.Create(CultureInfo.InvariantCulture, $"ours, stratified: test {inspection.Reference.TestFraction:R}, validation {inspection.Reference.ValidationFraction:R}, seed {inspection.Reference.SplitSeed}");

    private static string Numbers(IEnumerable<double> values) =>
        "[" + string.Join(", ", values.Take(8).Select(v => v.ToString("G5", CultureInfo.InvariantCulture))) + (values.Skip(8).Any() ? ", …" : "") + "]";

    private static void WriteNumbers(System.Text.Json.Utf8JsonWriter writer, string name, IEnumerable<double> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }
}
