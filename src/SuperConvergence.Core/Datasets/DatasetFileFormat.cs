namespace SuperConvergence.Core.Datasets;

/// <summary>The forms of a user's own dataset that the trainer reads (docs/training.md, "Your own data").</summary>
public enum DatasetFileFormat
{
    /// <summary>A folder with one subfolder of PNG or JPEG images per class (or train/, val/, test/ folders of those).</summary>
    ImageFolder,

    /// <summary>A folder of NumPy .npy files: x.npy and y.npy, or x_train.npy, y_train.npy, x_test.npy, y_test.npy (and x_val/y_val).</summary>
    Npy,

    /// <summary>A NumPy .npz archive holding the same arrays as <see cref="Npy"/>.</summary>
    Npz,

    /// <summary>A CSV table with a label column and numeric feature columns (or a folder of train.csv, val.csv, test.csv).</summary>
    Csv,
}

/// <summary>The names formats are written with in specs and on the command line, and the guess from a path.</summary>
public static class DatasetFileFormats
{
    private static readonly Dictionary<string, DatasetFileFormat> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image-folder"] = DatasetFileFormat.ImageFolder,
        ["npy"] = DatasetFileFormat.Npy,
        ["npz"] = DatasetFileFormat.Npz,
        ["csv"] = DatasetFileFormat.Csv,
    };

    public static IReadOnlyList<string> Names { get; } = [.. ByName.Keys];

    public static string NameOf(DatasetFileFormat format) => ByName.First(entry => entry.Value == format).Key;

    public static bool TryParse(string? name, out DatasetFileFormat format) => ByName.TryGetValue(name ?? "", out format);

    /// <summary>
    /// The format a path's extension names (.npz, .npy, .csv); anything else, a folder included, is an image folder.
    /// Decided from the text alone so that a spec means the same on every machine that reads it.
    /// </summary>
    public static DatasetFileFormat Infer(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(Path.TrimEndingDirectorySeparator(path)).ToLowerInvariant() switch
        {
            ".npz" => DatasetFileFormat.Npz,
            ".npy" => DatasetFileFormat.Npy,
            ".csv" => DatasetFileFormat.Csv,
            _ => DatasetFileFormat.ImageFolder,
        };
    }
}
