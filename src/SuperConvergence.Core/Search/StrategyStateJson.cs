using System.Text.Json.Serialization;

namespace SuperConvergence.Core.Search;

/// <summary>
/// The envelope every strategy's saved state travels in: which strategy wrote it and the format version, so a
/// state is never restored into the wrong strategy or read with the wrong shape.
/// </summary>
internal static class StrategyStateJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write<TState>(string strategy, int version, TState state) =>
        JsonSerializer.Serialize(new Envelope<TState>(strategy, version, state), Options);

    public static TState Read<TState>(string json, string strategy, int version)
    {
        Envelope<TState>? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope<TState>>(json, Options);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Saved search state is not valid {strategy} state: {e.Message}", nameof(json), e);
        }

        if (envelope is null || envelope.State is null)
        {
            throw new ArgumentException($"Saved search state is empty; expected {strategy} state.", nameof(json));
        }

        if (envelope.Strategy != strategy || envelope.Version != version)
        {
            throw new ArgumentException(
                $"Saved search state was written by '{envelope.Strategy}' v{envelope.Version}; this is '{strategy}' v{version}.", nameof(json));
        }

        return envelope.State;
    }

    private sealed record Envelope<TState>(string Strategy, int Version, TState State);
}
