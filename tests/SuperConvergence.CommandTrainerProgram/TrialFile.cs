using System.Text.Json;

namespace SuperConvergence.CommandTrainerProgram;

/// <summary>The config.json the command trainer wrote, and the schedule it names.</summary>
internal sealed class TrialFile(JsonElement root)
{
    public static TrialFile Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new TrialFile(document.RootElement.Clone());
    }

    public string Text(string field) => root.GetProperty(field).GetString()!;

    public string? OptionalText(string field) => root.GetProperty(field).ValueKind == JsonValueKind.Null ? null : root.GetProperty(field).GetString();

    public double Number(string field) => root.GetProperty(field).GetDouble();

    public int Integer(string field) => root.GetProperty(field).GetInt32();

    /// <summary>The LR of every step, from the schedule file (header step,lr,momentum).</summary>
    public double[] ScheduleLearningRates() =>
        File.ReadLines(Text("schedule")).Skip(1).Select(line => double.Parse(line.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
