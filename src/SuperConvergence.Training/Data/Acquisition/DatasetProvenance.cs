using System.Text.Json.Serialization;

namespace SuperConvergence.Training.Data.Acquisition;

/// <summary>
/// Where a cached dataset came from, kept beside its files as provenance.json: `sc data list` shows it, and
/// results on a non-official split can always be told apart from results on the official one.
/// </summary>
public sealed record DatasetProvenance(string Dataset, string Source, bool OfficialSplit, string Note, DateTimeOffset FetchedAt)
{
    public const string FileName = "provenance.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void WriteTo(string datasetDirectory) =>
        File.WriteAllText(Path.Combine(datasetDirectory, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>The provenance in <paramref name="datasetDirectory"/>, or null when none was recorded (files placed by hand).</summary>
    public static DatasetProvenance? ReadFrom(string datasetDirectory)
    {
        var path = Path.Combine(datasetDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<DatasetProvenance>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
