using System.Globalization;

namespace SuperConvergence.Training.Benchmarks;

/// <summary>Command-line settings of the throughput benchmark; every one has a default.</summary>
/// <param name="Versus">A second model the trainer runs in the same rounds (a plugin's twin of <paramref name="Model"/>, say); null for none.</param>
internal sealed record BenchmarkOptions(string Model, double Width, string Dataset, int BatchSize, int Steps, int Rounds, string Device, string? Versus, double MaxLr)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);
        int Integer(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchmarkOptions(
            Text("model", "resnet-small"),
            values.TryGetValue("width", out var width) ? double.Parse(width, CultureInfo.InvariantCulture) : 1.0,
            Text("dataset", "fashion-mnist"),
            Integer("batch-size", 256),
            Integer("steps", 10),
            Integer("rounds", 20),
            Text("device", "auto"),
            values.GetValueOrDefault("versus"),
            values.TryGetValue("max-lr", out var maxLr) ? double.Parse(maxLr, CultureInfo.InvariantCulture) : 0.5);
    }
}
