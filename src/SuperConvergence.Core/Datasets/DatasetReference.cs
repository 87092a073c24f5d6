namespace SuperConvergence.Core.Datasets;

/// <summary>
/// A dataset in the user's own files: where, in which form, the shape samples are read as, the CSV label column, and
/// how to split it when the files do not (stratified, seeded). Travels inside trial configs as its
/// <see cref="ToString">canonical text</see> (e.g. <c>npz:test=0.2;seed=1;path=/data/blobs.npz</c>), where a built-in
/// dataset travels as its name; <see cref="TryParse"/> tells the two apart (built-in names hold no ':').
/// </summary>
public sealed record DatasetReference(
    string Path,
    DatasetFileFormat Format,
    SampleShape? Shape = null,
    string? LabelColumn = null,
    double ValidationFraction = 0,
    double TestFraction = DatasetReference.DefaultTestFraction,
    int SplitSeed = DatasetReference.DefaultSplitSeed)
{
    public const double DefaultTestFraction = 0.2;
    public const int DefaultSplitSeed = 1;
    public const string DefaultLabelColumn = "label";
    private const string PathKey = "path=";

    /// <summary>The CSV label column, "label" when the spec names none.</summary>
    public string Label => LabelColumn ?? DefaultLabelColumn;

    /// <summary>How messages name the dataset: its file or folder name.</summary>
    public string DisplayName => System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(Path)) is { Length: > 0 } name ? name : Path;

    /// <summary>The canonical text: format, then settings that differ from the defaults, the path last (it may hold anything).</summary>
    public override string ToString()
    {
        var text = new StringBuilder(DatasetFileFormats.NameOf(Format)).Append(':');
        if (Shape is { } shape)
        {
            text.Append("shape=").Append(shape).Append(';');
        }

        if (LabelColumn is not null)
        {
            text.Append("label=").Append(LabelColumn).Append(';');
        }

        text.Append(CultureInfo.InvariantCulture, $"validation={ValidationFraction:R};test={TestFraction:R};seed={SplitSeed};");
        return text.Append(PathKey).Append(Path).ToString();
    }

    /// <summary>The reference a dataset text stands for; null for a built-in dataset's name or text that is not a reference.</summary>
    public static DatasetReference? TryParse(string? text)
    {
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon < 0 || !DatasetFileFormats.TryParse(text![..colon], out var format))
        {
            return null;
        }

        var rest = text[(colon + 1)..];
        var pathAt = rest.StartsWith(PathKey, StringComparison.Ordinal) ? 0 : rest.IndexOf(";" + PathKey, StringComparison.Ordinal) + 1;
        if (pathAt == 0 && !rest.StartsWith(PathKey, StringComparison.Ordinal))
        {
            return null;
        }

        var reference = new DatasetReference(rest[(pathAt + PathKey.Length)..], format);
        foreach (var setting in rest[..pathAt].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = setting.IndexOf('=', StringComparison.Ordinal) is var at and > 0 ? (setting[..at], setting[(at + 1)..]) : (setting, "");
            reference = key switch
            {
                "shape" when SampleShape.TryParse(value, out var shape) => reference with { Shape = shape },
                "label" => reference with { LabelColumn = value },
                "validation" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) => reference with { ValidationFraction = fraction },
                "test" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) => reference with { TestFraction = fraction },
                "seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) => reference with { SplitSeed = seed },
                _ => null,
            };
            if (reference is null)
            {
                return null;
            }
        }

        return reference;
    }

    /// <summary>
    /// What cannot work, as (field under <c>dataset</c>, value, problem): the checks that need no disk. Whether the path
    /// exists is the trainer's question, asked where the data is read (<c>SweepTrainerRequirements</c>).
    /// </summary>
    public IReadOnlyList<(string Field, string Value, string Problem)> Problems()
    {
        var problems = new List<(string, string, string)>();
        if (string.IsNullOrWhiteSpace(Path) || Path.Any(char.IsControl))
        {
            problems.Add(("path", $"'{Path.ReplaceLineEndings(" ")}'", "must name a file or folder (no control characters)"));
        }

        if (Shape is { } shape)
        {
            if (shape.Channels < 1 || shape.Height < 1 || shape.Width < 1 || shape.Elements > MaxSampleElements)
            {
                problems.Add(("shape", shape.ToString(), $"must have dimensions of at least 1 and at most {MaxSampleElements} elements in all"));
            }
            else if (Format == DatasetFileFormat.ImageFolder && shape.Channels is not (1 or 3))
            {
                problems.Add(("shape", shape.ToString(), "must have 1 (grey) or 3 (RGB) channels for an image folder"));
            }
        }
        else if (Format == DatasetFileFormat.ImageFolder)
        {
            problems.Add(("shape", "(missing)", "is required for an image folder: the size images are resized to, e.g. [3, 32, 32]"));
        }

        if (LabelColumn is not null && Format != DatasetFileFormat.Csv)
        {
            problems.Add(("label", $"'{LabelColumn}'", "applies only to format csv"));
        }
        else if (LabelColumn is not null && (LabelColumn.Length == 0 || LabelColumn.Contains(';', StringComparison.Ordinal) || LabelColumn.Any(char.IsControl)))
        {
            problems.Add(("label", $"'{LabelColumn}'", "must be a column name without ';' or control characters"));
        }

        if (!(TestFraction is > 0 and < 1))
        {
            problems.Add(("split.test", TestFraction.ToString("R", CultureInfo.InvariantCulture), "must lie strictly between 0 and 1"));
        }

        if (!(ValidationFraction is >= 0 and < 1) || ValidationFraction + TestFraction >= 1)
        {
            problems.Add(("split.validation", ValidationFraction.ToString("R", CultureInfo.InvariantCulture), "must be at least 0 and leave training data beside the test fraction (validation + test < 1)"));
        }

        return problems;
    }

    /// <summary>Elements of one sample (C·H·W) at most: 48 Mi, a 4096×4096 RGB image.</summary>
    public const long MaxSampleElements = 3L * 4096 * 4096;
}
