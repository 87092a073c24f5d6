namespace SuperConvergence.Training.Data.Files;

/// <summary>
/// Turns NumPy arrays into a dataset: features x and labels y (the whole set, split by us), or x_train/y_train,
/// x_test/y_test and optionally x_val/y_val (the split given). Features are N×F (tabular), N×H×W (grey images) or
/// N×C×H×W; a declared shape with as many elements re-reads each sample (e.g. N×784 as 1×28×28). uint8 features stay
/// bytes; every other type is read as float32. Labels are integers 0…K−1, one per sample.
/// </summary>
public static class NumPyDatasetReader
{
    private static readonly (string Split, string Suffix)[] GivenSplits =
        [(SplitNames.Train, "_train"), (SplitNames.Validation, "_val"), (SplitNames.Test, "_test")];

    public static FileDatasetContent Read(string path, IReadOnlyDictionary<string, NpyArray> arrays, ImageShape? shape)
    {
        var pairs = new Dictionary<string, (NpyArray X, NpyArray Y)>(StringComparer.Ordinal);
        if (arrays.ContainsKey("x_train") || arrays.ContainsKey("y_train"))
        {
            foreach (var (split, suffix) in GivenSplits)
            {
                if (split == SplitNames.Validation && !arrays.ContainsKey("x" + suffix) && !arrays.ContainsKey("y" + suffix))
                {
                    continue;
                }

                pairs[split] = (Require(path, arrays, "x" + suffix), Require(path, arrays, "y" + suffix));
            }
        }
        else
        {
            pairs[SplitNames.All] = (Require(path, arrays, "x"), Require(path, arrays, "y"));
        }

        var problems = new List<DatasetProblem>();
        var sampleShape = shape ?? ShapeOf(path, pairs.Values.First().X);
        foreach (var (split, (x, y)) in pairs)
        {
            if (x.Length != y.Length)
            {
                problems.Add(new DatasetProblem(path, $"{x.Name} holds {x.Length} samples but {y.Name} holds {y.Length} labels ({split})"));
            }

            if (x.Dimensions.Count < 2 || x.ElementCount != x.Length * sampleShape.PixelsPerImage)
            {
                throw new DatasetFormatException(path, $"{x.Name} has shape {x.ShapeText}: its samples do not have the {sampleShape} = {sampleShape.PixelsPerImage} elements of {(shape is null ? x.Name + "'s first split" : "the declared shape")}");
            }

            if (y.Dimensions.Count != 1)
            {
                throw new DatasetFormatException(path, $"{y.Name} has shape {y.ShapeText}; labels are one integer per sample (1 dimension)");
            }
        }

        var classCount = ClassCount(path, pairs.Values.Select(p => p.Y));
        var splits = new Dictionary<string, LabelledImages>(StringComparer.Ordinal);
        foreach (var (split, (x, y)) in pairs.Where(p => p.Value.X.Length == p.Value.Y.Length))
        {
            var labels = new byte[y.Length];
            for (long i = 0; i < y.Length; i++)
            {
                labels[i] = (byte)y[i];
            }

            splits[split] = x.Bytes is { } bytes
                ? new LabelledImages(sampleShape, classCount, bytes, labels)
                : new LabelledImages(sampleShape, classCount, x.Values!, labels);
        }

        var notes = pairs.Values.Select(p => $"{p.X.Name}: {p.X.DataType} {p.X.ShapeText}; {p.Y.Name}: {p.Y.DataType} {p.Y.ShapeText}").ToList();
        var classNames = Enumerable.Range(0, classCount).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        return new FileDatasetContent(sampleShape, classNames, splits, problems, notes);
    }

    private static NpyArray Require(string path, IReadOnlyDictionary<string, NpyArray> arrays, string name) =>
        arrays.TryGetValue(name, out var array)
            ? array
            : throw new DatasetFormatException(path, $"has no array '{name}' (found: {(arrays.Count == 0 ? "none" : string.Join(", ", arrays.Keys))}); a NumPy dataset holds x and y, or x_train, y_train, x_test, y_test (and x_val, y_val)");

    private static ImageShape ShapeOf(string path, NpyArray features) => features.Dimensions.Count switch
    {
        2 => new ImageShape(checked((int)features.Dimensions[1]), 1, 1),
        3 => new ImageShape(1, checked((int)features.Dimensions[1]), checked((int)features.Dimensions[2])),
        4 => new ImageShape(checked((int)features.Dimensions[1]), checked((int)features.Dimensions[2]), checked((int)features.Dimensions[3])),
        _ => throw new DatasetFormatException(path, $"{features.Name} has shape {features.ShapeText}; features are N×F, N×H×W or N×C×H×W"),
    };

    /// <summary>Max label + 1; every label must be a whole number in 0…255.</summary>
    private static int ClassCount(string path, IEnumerable<NpyArray> labelArrays)
    {
        var max = -1;
        foreach (var labels in labelArrays)
        {
            for (long i = 0; i < labels.ElementCount; i++)
            {
                var value = labels[i];
                if (value < 0 || value > 255 || value != Math.Floor(value))
                {
                    throw new DatasetFormatException(path, string.Create(CultureInfo.InvariantCulture, $"{labels.Name}[{i}] is {value}; labels must be whole numbers 0 to 255 (one class each)"));
                }

                max = Math.Max(max, (int)value);
            }
        }

        return max >= 1 ? max + 1 : throw new DatasetFormatException(path, "labels name fewer than two classes; a classification dataset needs at least two");
    }
}
