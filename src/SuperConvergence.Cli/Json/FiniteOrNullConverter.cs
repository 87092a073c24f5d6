namespace SuperConvergence.Cli.Json;

/// <summary>
/// Optional numbers in the console's JSON: a diverged loss or an unknown accuracy is written as null, never as a
/// string or a JSON error, so scripts read one type per key (docs/cli-json.md). Plain <c>double</c> keys stay strict:
/// a non-finite value there is a bug and fails loudly.
/// </summary>
public sealed class FiniteOrNullConverter : JsonConverter<double?>
{
    public override bool HandleNull => true;

    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        if (value is double v && double.IsFinite(v))
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
