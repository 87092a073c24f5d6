namespace SuperConvergence.Core.Trials.Tabular;

/// <summary>
/// Reads and writes a <see cref="TrialTable"/> as JSON (schema in docs/tabular-benchmark.md). Reading checks what the
/// replay relies on — a complete grid, every cell's range tests, epochs that fit their cycles, finite metrics — and
/// refuses anything else with one line naming the file and the field.
/// </summary>
public static class TrialTableFile
{
    /// <summary>Far above any table a grid of a search space needs; bounds what a file can make a silo hold.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    public static TrialTable Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileInfo file;
        try
        {
            file = new FileInfo(path);
            if (!file.Exists)
            {
                throw new TrialTableFormatException($"{path}: no such file");
            }

            if (file.Length > MaxBytes)
            {
                throw new TrialTableFormatException($"{path}: {file.Length} bytes is more than the limit of {MaxBytes}");
            }

            using var stream = file.OpenRead();
            return Parse(stream, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrialTableFormatException($"{path}: cannot be read ({e.Message})");
        }
    }

    /// <summary>Parses a table; <paramref name="source"/> names it in errors.</summary>
    public static TrialTable Parse(Stream json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new TrialTableFormatException($"{source}: not valid JSON ({e.Message})");
        }

        using (document)
        {
            var reader = new Reader(source);
            var table = reader.Table(document.RootElement);
            _ = new TrialTableIndex(table, source);
            return table;
        }
    }

    /// <summary>Writes the table: the header indented, then one trial or range test a line, so diffs stay readable.</summary>
    public static void Write(TrialTable table, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(writer);
        var p = table.Provenance;
        var r = table.RangeTest;
        writer.Write('{');
        writer.Write($"\n  \"schema\": {Text(TrialTable.Schema)},");
        writer.Write($"\n  \"provenance\": {{\"commit\": {Text(p.Commit)}, \"machine\": {Text(p.Machine)}, \"date\": {Text(p.Date)}, \"command\": {Text(p.Command)}}},");
        writer.Write($"\n  \"dataset\": {Text(table.Dataset)},");
        writer.Write($"\n  \"model\": {Text(table.Model)},");
        writer.Write($"\n  \"trainImages\": {Number(table.TrainImages)},");
        writer.Write($"\n  \"testImages\": {Number(table.TestImages)},");
        writer.Write($"\n  \"rangeTest\": {{\"startLr\": {Number(r.StartLr)}, \"endLr\": {Number(r.EndLr)}, \"iterations\": {Number(r.Iterations)}, \"momentum\": {Number(r.Momentum)}, \"accuracyEvery\": {Number(r.AccuracyEvery)}}},");
        writer.Write("\n  \"trials\": [");
        for (var i = 0; i < table.Trials.Count; i++)
        {
            var t = table.Trials[i];
            var epochs = string.Join(",", t.Epochs.Select(e => $"[{Number(e.TrainLoss)},{Number(e.TestLoss)},{Number(e.TestAccuracy)}]"));
            writer.Write($"{(i == 0 ? "" : ",")}\n    {{\"maxLr\": {Number(t.MaxLr)}, \"weightDecay\": {Number(t.WeightDecay)}, \"batchSize\": {Number(t.BatchSize)}, \"cycleEpochs\": {Number(t.CycleEpochs)}, \"seed\": {Number(t.Seed)}, \"status\": {Text(Status(t.Status))}, \"seconds\": {Number(t.Seconds)}, \"epochs\": [{epochs}]}}");
        }

        writer.Write("\n  ],\n  \"rangeTests\": [");
        for (var i = 0; i < table.RangeTests.Count; i++)
        {
            var t = table.RangeTests[i];
            var points = string.Join(",", t.Points.Select(q => $"[{Number(q.LearningRate)},{Optional(q.Loss)},{(q.Accuracy is { } a ? Number(a) : "null")}]"));
            writer.Write($"{(i == 0 ? "" : ",")}\n    {{\"weightDecay\": {Number(t.WeightDecay)}, \"batchSize\": {Number(t.BatchSize)}, \"seed\": {Number(t.Seed)}, \"diverged\": {(t.Diverged ? "true" : "false")}, \"seconds\": {Number(t.Seconds)}, \"points\": [{points}]}}");
        }

        writer.Write("\n  ]\n}\n");
    }

    public static string Status(TrialEnd status) => status == TrialEnd.Completed ? "completed" : "diverged";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Optional(double value) => double.IsFinite(value) ? Number(value) : "null";

    private static string Text(string value) => JsonSerializer.Serialize(value);

    /// <summary>Walks the document, naming each field by its path in errors.</summary>
    private sealed class Reader(string source)
    {
        public TrialTable Table(JsonElement root)
        {
            Expect(root, JsonValueKind.Object, "");
            var schema = String(Field(root, "schema", ""), "schema");
            if (schema != TrialTable.Schema)
            {
                throw Error("schema", $"'{schema}'", $"is not {TrialTable.Schema}");
            }

            var provenance = Field(root, "provenance", "");
            var range = Field(root, "rangeTest", "");
            var trials = Field(root, "trials", "");
            var rangeTests = Field(root, "rangeTests", "");
            Expect(trials, JsonValueKind.Array, "trials");
            Expect(rangeTests, JsonValueKind.Array, "rangeTests");
            return new TrialTable(
                new TableProvenance(
                    String(Field(provenance, "commit", "provenance"), "provenance.commit"),
                    String(Field(provenance, "machine", "provenance"), "provenance.machine"),
                    String(Field(provenance, "date", "provenance"), "provenance.date"),
                    String(Field(provenance, "command", "provenance"), "provenance.command")),
                String(Field(root, "dataset", ""), "dataset"),
                String(Field(root, "model", ""), "model"),
                Positive(Field(root, "trainImages", ""), "trainImages"),
                Positive(Field(root, "testImages", ""), "testImages"),
                new TableRangeTestSettings(
                    PositiveNumber(Field(range, "startLr", "rangeTest"), "rangeTest.startLr"),
                    PositiveNumber(Field(range, "endLr", "rangeTest"), "rangeTest.endLr"),
                    Positive(Field(range, "iterations", "rangeTest"), "rangeTest.iterations"),
                    Fraction(Field(range, "momentum", "rangeTest"), "rangeTest.momentum"),
                    Integer(Field(range, "accuracyEvery", "rangeTest"), "rangeTest.accuracyEvery", minimum: 0)),
                [.. trials.EnumerateArray().Select((trial, i) => Trial(trial, $"trials[{i}]"))],
                [.. rangeTests.EnumerateArray().Select((test, i) => RangeTest(test, $"rangeTests[{i}]"))]);
        }

        private TableTrial Trial(JsonElement trial, string path)
        {
            Expect(trial, JsonValueKind.Object, path);
            var statusText = String(Field(trial, "status", path), path + ".status");
            var status = statusText switch
            {
                "completed" => TrialEnd.Completed,
                "diverged" => TrialEnd.Diverged,
                _ => throw Error(path + ".status", $"'{statusText}'", "must be completed or diverged"),
            };
            var epochs = Field(trial, "epochs", path);
            Expect(epochs, JsonValueKind.Array, path + ".epochs");
            var cycle = Positive(Field(trial, "cycleEpochs", path), path + ".cycleEpochs");
            var recorded = epochs.EnumerateArray().Select((epoch, i) => Epoch(epoch, $"{path}.epochs[{i}]")).ToArray();
            if (status == TrialEnd.Completed ? recorded.Length != cycle : recorded.Length >= cycle)
            {
                throw Error(path + ".epochs", $"{recorded.Length} epochs", $"do not fit a {statusText} run of a {cycle}-epoch cycle");
            }

            return new TableTrial(
                PositiveNumber(Field(trial, "maxLr", path), path + ".maxLr"),
                Fraction(Field(trial, "weightDecay", path), path + ".weightDecay"),
                Positive(Field(trial, "batchSize", path), path + ".batchSize"),
                cycle,
                Integer(Field(trial, "seed", path), path + ".seed", int.MinValue),
                status,
                NonNegative(Field(trial, "seconds", path), path + ".seconds"),
                recorded);
        }

        private TableEpoch Epoch(JsonElement epoch, string path)
        {
            Expect(epoch, JsonValueKind.Array, path);
            if (epoch.GetArrayLength() != 3)
            {
                throw Error(path, $"{epoch.GetArrayLength()} values", "must be [trainLoss, testLoss, testAccuracy]");
            }

            var accuracy = Number(epoch[2], path + "[2]");
            if (accuracy is < 0 or > 1)
            {
                throw Error(path + "[2]", Show(accuracy), "must be an accuracy in [0, 1]");
            }

            return new TableEpoch(NonNegative(epoch[0], path + "[0]"), NonNegative(epoch[1], path + "[1]"), accuracy);
        }

        private TableRangeTest RangeTest(JsonElement test, string path)
        {
            Expect(test, JsonValueKind.Object, path);
            var pointsElement = Field(test, "points", path);
            Expect(pointsElement, JsonValueKind.Array, path + ".points");
            var diverged = Boolean(Field(test, "diverged", path), path + ".diverged");
            var points = new List<RangeTestPoint>(pointsElement.GetArrayLength());
            var count = pointsElement.GetArrayLength();
            var index = 0;
            foreach (var point in pointsElement.EnumerateArray())
            {
                var at = $"{path}.points[{index}]";
                Expect(point, JsonValueKind.Array, at);
                if (point.GetArrayLength() != 3)
                {
                    throw Error(at, $"{point.GetArrayLength()} values", "must be [lr, loss, accuracy or null]");
                }

                var lr = PositiveNumber(point[0], at + "[0]");
                if (points.Count > 0 && lr <= points[^1].LearningRate)
                {
                    throw Error(at + "[0]", Show(lr), "must be above the point before it");
                }

                // Only the last point of a diverged curve may have lost its loss (the blow-up stops the run there).
                var loss = point[1].ValueKind == JsonValueKind.Null && diverged && index == count - 1
                    ? double.NaN
                    : NonNegative(point[1], at + "[1]");
                double? accuracy = point[2].ValueKind == JsonValueKind.Null ? null : Number(point[2], at + "[2]");
                if (accuracy is < 0 or > 1)
                {
                    throw Error(at + "[2]", Show(accuracy.Value), "must be an accuracy in [0, 1] or null");
                }

                points.Add(new RangeTestPoint(lr, loss, accuracy));
                index++;
            }

            if (points.Count < 2)
            {
                throw Error(path + ".points", $"{points.Count} points", "are too few for a curve (at least 2)");
            }

            return new TableRangeTest(
                Fraction(Field(test, "weightDecay", path), path + ".weightDecay"),
                Positive(Field(test, "batchSize", path), path + ".batchSize"),
                Integer(Field(test, "seed", path), path + ".seed", int.MinValue),
                diverged,
                NonNegative(Field(test, "seconds", path), path + ".seconds"),
                points);
        }

        private JsonElement Field(JsonElement parent, string name, string parentPath)
        {
            var path = parentPath.Length == 0 ? name : $"{parentPath}.{name}";
            Expect(parent, JsonValueKind.Object, parentPath.Length == 0 ? "table" : parentPath);
            return parent.TryGetProperty(name, out var value) ? value : throw Error(path, "(missing)", "is required");
        }

        private void Expect(JsonElement element, JsonValueKind kind, string path)
        {
            if (element.ValueKind != kind)
            {
                throw Error(path, Display(element), $"must be {(kind == JsonValueKind.Object ? "an object" : "an array")}");
            }
        }

        private string String(JsonElement element, string path) =>
            element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } text
                ? text
                : throw Error(path, Display(element), "must be non-empty text");

        private bool Boolean(JsonElement element, string path) => element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(path, Display(element), "must be true or false"),
        };

        private double Number(JsonElement element, string path) =>
            element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var value) && double.IsFinite(value)
                ? value
                : throw Error(path, Display(element), "must be a finite number");

        private double NonNegative(JsonElement element, string path) =>
            Number(element, path) is var value && value >= 0 ? value : throw Error(path, Display(element), "must be >= 0");

        private double PositiveNumber(JsonElement element, string path) =>
            Number(element, path) is var value && value > 0 ? value : throw Error(path, Display(element), "must be > 0");

        private double Fraction(JsonElement element, string path) =>
            Number(element, path) is var value && value is >= 0 and < 1 ? value : throw Error(path, Display(element), "must be >= 0 and < 1");

        private int Integer(JsonElement element, string path, int minimum) =>
            element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value) && value >= minimum
                ? value
                : throw Error(path, Display(element), minimum == int.MinValue ? "must be a 32-bit integer" : $"must be an integer >= {minimum}");

        private int Positive(JsonElement element, string path) => Integer(element, path, 1);

        private TrialTableFormatException Error(string path, string value, string problem) => new($"{source}: {path}: {value} {problem}");

        private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>The value as written, cut short: errors stay one line however large the offending value is.</summary>
        private static string Display(JsonElement element)
        {
            var raw = element.ValueKind == JsonValueKind.Undefined ? "(missing)" : element.GetRawText().ReplaceLineEndings(" ");
            return raw.Length <= 40 ? raw : new StringBuilder(raw, 0, 37, 40).Append("...").ToString();
        }
    }
}
