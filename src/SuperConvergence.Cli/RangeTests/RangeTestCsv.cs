namespace SuperConvergence.Cli.RangeTests;

/// <summary>
/// The range-test curve file: header `lr,loss` or `lr,loss,accuracy`, one row per iteration. Losses may be NaN or
/// ±Infinity (a diverged tail); accuracy may be empty on rows where it was not measured.
/// </summary>
public static class RangeTestCsv
{
    public const string Header = "lr,loss";
    public const string HeaderWithAccuracy = "lr,loss,accuracy";

    public static IReadOnlyList<RangeTestPoint> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw CliException.BadInput("FILE", path, "is not a file", "sc rangetest run … --out FILE records a curve");
        }

        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads a curve from <paramref name="reader"/>; errors name <paramref name="path"/>, where it came from.</summary>
    public static IReadOnlyList<RangeTestPoint> Read(TextReader reader, string path)
    {
        var header = reader.ReadLine()?.Trim();
        var withAccuracy = header == HeaderWithAccuracy;
        if (header != Header && !withAccuracy)
        {
            throw new CliException($"{path}: header '{header}' must be '{Header}' or '{HeaderWithAccuracy}'", ExitCodes.BadInput);
        }

        var points = new List<RangeTestPoint>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (points.Count == RangeTestPlan.MaxIterations)
            {
                throw new CliException($"{path}: points: more than {RangeTestPlan.MaxIterations} (a range test records one per iteration, at most that many)", ExitCodes.BadInput);
            }

            var cells = line.Split(',');
            if (cells.Length != (withAccuracy ? 3 : 2))
            {
                throw new CliException($"{path}: line {lineNumber} has {cells.Length} fields, expected {(withAccuracy ? 3 : 2)}", ExitCodes.BadInput);
            }

            var lr = Number(path, lineNumber, "lr", cells[0]);
            var loss = Number(path, lineNumber, "loss", cells[1]);
            double? accuracy = withAccuracy && cells[2].Trim().Length > 0 ? Number(path, lineNumber, "accuracy", cells[2]) : null;
            points.Add(new RangeTestPoint(lr, loss, accuracy));
        }

        return points;
    }

    public static void Write(TextWriter output, IEnumerable<RangeTestPoint> points, bool withAccuracy)
    {
        output.WriteLine(withAccuracy ? HeaderWithAccuracy : Header);
        foreach (var p in points)
        {
            var line = $"{p.LearningRate.ToString("R", CultureInfo.InvariantCulture)},{p.Loss.ToString("R", CultureInfo.InvariantCulture)}";
            output.WriteLine(withAccuracy ? $"{line},{p.Accuracy?.ToString("R", CultureInfo.InvariantCulture)}" : line);
        }
    }

    private static double Number(string path, int line, string field, string text)
    {
        var trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // Python and numpy write these for blown-up losses.
        return trimmed.ToLowerInvariant() switch
        {
            "nan" => double.NaN,
            "inf" or "+inf" or "infinity" => double.PositiveInfinity,
            "-inf" or "-infinity" => double.NegativeInfinity,
            _ => throw new CliException($"{path}: line {line}: {field} '{trimmed}' is not a number", ExitCodes.BadInput),
        };
    }
}
