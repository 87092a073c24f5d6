using System.Text.Json;
using System.Text.Json.Serialization;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Grains.Hosting;

namespace SuperConvergence.Grains.Tests.Doubles;

/// <summary>Reads a spec serialised by <see cref="Write"/>: the grains' tests build specs in code.</summary>
public sealed class JsonSpecParser : ISweepSpecParser
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Write(SweepSpec spec) => JsonSerializer.Serialize(spec, Options);

    public SweepSpec Parse(string specText) =>
        JsonSerializer.Deserialize<SweepSpec>(specText, Options) ?? throw new ArgumentException("spec: empty");
}
