namespace SuperConvergence.Core.Trials.Command;

/// <summary>What one stdout line of a training program said: an epoch's metrics, or that the run diverged.</summary>
public sealed record EpochLine(EpochMetrics? Metrics, bool Diverged);

/// <summary>
/// Reads the JSON lines a command trainer's program prints (docs/training.md#command-trainer): one object per line;
/// <c>{"epoch": N, "train_loss": …, "test_loss": …, "accuracy": …}</c> in training (<c>{"diverged": true}</c> when the
/// run blew up) and <c>{"iteration": N, "loss": …}</c> in a range test. Counts are from 1 and must come in order;
/// every number must be finite; fields it does not know are ignored. Anything else is a
/// <see cref="CommandProtocolException"/> whose message names the line, the field and the value.
/// </summary>
public static class CommandOutput
{
    /// <summary>The longest line read: a protocol line is a few hundred characters; more is something else.</summary>
    public const int MaxLineCharacters = 64 * 1024;

    private const int ShownCharacters = 80;

    /// <summary>
    /// Epoch <paramref name="expected"/>'s line. <paramref name="plannedLr"/> is the schedule's LR at the epoch's
    /// end, taken when the line names none; <paramref name="imagesPerSecond"/> the throughput taken when it names none.
    /// </summary>
    public static EpochLine Epoch(string line, int lineNumber, int expected, double plannedLr, double imagesPerSecond)
    {
        var root = Parse(line, lineNumber);
        if (root.TryGetProperty("diverged", out var diverged))
        {
            return diverged.ValueKind == JsonValueKind.True
                ? new EpochLine(null, Diverged: true)
                : throw Problem(lineNumber, "diverged", diverged.GetRawText(), "must be true (leave it out until the run blows up)");
        }

        var epoch = Count(root, lineNumber, "epoch", expected);
        var accuracy = Required(root, lineNumber, "accuracy");
        if (accuracy is < 0 or > 1)
        {
            throw Problem(lineNumber, "accuracy", Show(accuracy), "must be a fraction between 0 and 1");
        }

        var metrics = new EpochMetrics(
            epoch,
            TrainLoss: Required(root, lineNumber, "train_loss"),
            TestLoss: Required(root, lineNumber, "test_loss"),
            TestAccuracy: accuracy,
            LearningRate: Optional(root, lineNumber, "lr") ?? plannedLr,
            ImagesPerSecond: Optional(root, lineNumber, "images_per_second") ?? imagesPerSecond,
            ValidationLoss: Optional(root, lineNumber, "validation_loss"),
            ValidationAccuracy: Optional(root, lineNumber, "validation_accuracy"));
        return new EpochLine(metrics, Diverged: false);
    }

    /// <summary>Range-test iteration <paramref name="expected"/>'s line; <paramref name="plannedLr"/> is the ramp's LR for it.</summary>
    public static RangeTestPoint Iteration(string line, int lineNumber, int expected, double plannedLr)
    {
        var root = Parse(line, lineNumber);
        Count(root, lineNumber, "iteration", expected);
        var accuracy = Optional(root, lineNumber, "accuracy");
        if (accuracy is < 0 or > 1)
        {
            throw Problem(lineNumber, "accuracy", Show(accuracy.Value), "must be a fraction between 0 and 1");
        }

        var lr = Optional(root, lineNumber, "lr") ?? plannedLr;
        return lr > 0
            ? new RangeTestPoint(lr, Required(root, lineNumber, "loss"), accuracy)
            : throw Problem(lineNumber, "lr", Show(lr), "must be > 0");
    }

    /// <summary>A line shortened for a one-line message.</summary>
    public static string Shown(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var flat = line.ReplaceLineEndings(" ");
        return flat.Length <= ShownCharacters ? flat : string.Concat(flat.AsSpan(0, ShownCharacters), "…");
    }

    private static JsonElement Parse(string line, int lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new CommandProtocolException($"stdout line {lineNumber}: '{Shown(line)}' is not a JSON object (stdout carries protocol lines only; write logs to stderr)");
        }
        catch (JsonException)
        {
            // Python's json.dumps writes NaN and Infinity bare, which JSON has no words for.
            var nonFinite = line.Contains("NaN", StringComparison.Ordinal) || line.Contains("Infinity", StringComparison.Ordinal);
            throw new CommandProtocolException(nonFinite
                ? $"stdout line {lineNumber}: '{Shown(line)}' holds a non-finite number (NaN or Infinity); a run that blows up prints {{\"diverged\": true}} instead"
                : $"stdout line {lineNumber}: '{Shown(line)}' is not a JSON object (stdout carries protocol lines only; write logs to stderr)");
        }
    }

    private static int Count(JsonElement root, int lineNumber, string field, int expected)
    {
        if (!root.TryGetProperty(field, out var value))
        {
            throw Problem(lineNumber, field, "(missing)", $"is required: this line should report {field} {expected}");
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var count))
        {
            throw Problem(lineNumber, field, value.GetRawText(), "must be a whole number");
        }

        return count == expected ? count : throw Problem(lineNumber, field, value.GetRawText(), $"is out of order: {field} {expected} is due");
    }

    private static double Required(JsonElement root, int lineNumber, string field) =>
        Optional(root, lineNumber, field) ?? throw Problem(lineNumber, field, "(missing)", "is required");

    private static double? Optional(JsonElement root, int lineNumber, string field)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var parsed) || !double.IsFinite(parsed))
        {
            throw Problem(lineNumber, field, value.GetRawText(), "must be a finite number");
        }

        return parsed;
    }

    private static CommandProtocolException Problem(int lineNumber, string field, string value, string problem) =>
        new($"stdout line {lineNumber}: {field}: {Shown(value)} {problem}");

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
