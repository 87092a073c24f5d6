namespace SuperConvergence.Training.Data.Files;

/// <summary>
/// Reads tabular data from CSV: a header row, a label column named in the spec (any text: classes are its distinct
/// values, in numeric order when all are integers, else ordinal), every other column a numeric feature. A file, or a
/// folder holding train.csv and test.csv (and val.csv) with the same columns. A cell that is not a number is a
/// problem naming its row and column; the row is left out, so `sc data inspect` still counts the rest.
/// </summary>
public static class CsvTableReader
{
    private const int MaxProblemsPerFile = 20;

    public static FileDatasetContent Read(string path, string labelColumn)
    {
        var files = FilesOf(path);
        var problems = new List<DatasetProblem>();
        var tables = files.ToDictionary(entry => entry.Key, entry => ReadTable(entry.Value, labelColumn, problems), StringComparer.Ordinal);
        var first = tables.First();
        foreach (var (split, table) in tables.Skip(1))
        {
            if (!table.Features.SequenceEqual(first.Value.Features, StringComparer.Ordinal))
            {
                throw new DatasetFormatException(files[split], $"has feature columns ({string.Join(", ", table.Features)}) that differ from {Path.GetFileName(files[first.Key])}'s ({string.Join(", ", first.Value.Features)})");
            }
        }

        var classNames = ClassOrder(tables.Values.SelectMany(t => t.Labels).Distinct(StringComparer.Ordinal));
        if (classNames.Count < 2 || classNames.Count > 256)
        {
            throw new DatasetFormatException(path, $"column '{labelColumn}' holds {classNames.Count} distinct label(s); a classification dataset needs 2 to 256");
        }

        var index = classNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => (byte)p.i, StringComparer.Ordinal);
        var shape = new ImageShape(first.Value.Features.Count, 1, 1);
        var splits = tables.ToDictionary(
            entry => entry.Key,
            entry => new LabelledImages(shape, classNames.Count, [.. entry.Value.Rows.SelectMany(r => r)], [.. entry.Value.Labels.Select(l => index[l])]),
            StringComparer.Ordinal);
        var notes = new List<string> { $"label column '{labelColumn}'; {shape.Channels} feature columns: {string.Join(", ", first.Value.Features.Take(8))}{(shape.Channels > 8 ? ", …" : "")}" };
        return new FileDatasetContent(shape, classNames, splits, problems, notes);
    }

    private static Dictionary<string, string> FilesOf(string path)
    {
        if (File.Exists(path))
        {
            return new(StringComparer.Ordinal) { [SplitNames.All] = path };
        }

        if (!Directory.Exists(path))
        {
            throw new DatasetFormatException(path, "does not exist");
        }

        string Named(string name) => Path.Combine(path, name);
        if (!File.Exists(Named("train.csv")) || !File.Exists(Named("test.csv")))
        {
            throw new DatasetFormatException(path, "is a folder without train.csv and test.csv; name a .csv file, or give the split as train.csv, test.csv (and val.csv)");
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal) { [SplitNames.Train] = Named("train.csv"), [SplitNames.Test] = Named("test.csv") };
        if (File.Exists(Named("val.csv")))
        {
            files[SplitNames.Validation] = Named("val.csv");
        }

        return files;
    }

    private sealed record Table(IReadOnlyList<string> Features, List<float[]> Rows, List<string> Labels);

    private static Table ReadTable(string file, string labelColumn, List<DatasetProblem> problems)
    {
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var lineNumber = 1;
        var header = reader.ReadLine() is { } headerLine ? Cells(headerLine) : throw new DatasetFormatException(file, "is empty: a CSV needs a header row");
        var labelAt = header.FindIndex(name => string.Equals(name.Trim(), labelColumn, StringComparison.Ordinal));
        if (labelAt < 0)
        {
            throw new DatasetFormatException(file, $"has no column '{labelColumn}' for the labels; its columns are {string.Join(", ", header)}");
        }

        var features = header.Where((_, i) => i != labelAt).Select(name => name.Trim()).ToList();
        if (features.Count == 0)
        {
            throw new DatasetFormatException(file, $"has no feature columns beside the label column '{labelColumn}'");
        }

        var table = new Table(features, [], []);
        var fileProblems = 0;
        void Problem(string text)
        {
            if (fileProblems++ < MaxProblemsPerFile)
            {
                problems.Add(new DatasetProblem(file, text));
            }
        }

        var row = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            row++;
            var cells = Cells(line);
            if (cells.Count != header.Count)
            {
                Problem($"row {row} (line {lineNumber}) has {cells.Count} cells, the header {header.Count}");
                continue;
            }

            var values = new float[features.Count];
            var ok = true;
            for (int c = 0, f = 0; c < cells.Count && ok; c++)
            {
                if (c == labelAt)
                {
                    continue;
                }

                if (!float.TryParse(cells[c].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[f]) || !float.IsFinite(values[f]))
                {
                    Problem($"row {row} (line {lineNumber}), column '{header[c].Trim()}': '{cells[c]}' is not a finite number");
                    ok = false;
                }

                f++;
            }

            if (ok)
            {
                table.Rows.Add(values);
                table.Labels.Add(cells[labelAt].Trim());
            }
        }

        if (fileProblems > MaxProblemsPerFile)
        {
            problems.Add(new DatasetProblem(file, $"{fileProblems - MaxProblemsPerFile} more problems like these"));
        }

        return table;
    }

    /// <summary>Integer labels in numeric order (0, 1, 2, …, 10), any others in ordinal order.</summary>
    private static List<string> ClassOrder(IEnumerable<string> labels)
    {
        var distinct = labels.ToList();
        return distinct.All(l => long.TryParse(l, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            ? [.. distinct.OrderBy(l => long.Parse(l, CultureInfo.InvariantCulture))]
            : [.. distinct.Order(StringComparer.Ordinal)];
    }

    /// <summary>One line's cells, RFC 4180 quoting ("a, b" and "" for a quote); no line breaks inside quotes.</summary>
    private static List<string> Cells(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(ch);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
