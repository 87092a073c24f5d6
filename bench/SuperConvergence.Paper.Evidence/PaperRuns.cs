using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.Paper.Evidence;

/// <summary>One epoch of a run: where it ended (in iterations from the start) and the test accuracy after it.</summary>
public sealed record EpochPoint(int Epoch, int Iteration, double? TestAccuracy);

/// <summary>
/// One `sc train` summary line under results/super or results/less-data, named POLICY-nIMAGES[-lrLR][-eEPOCHS]-sSEED.json:
/// the name gives the training-set size (the JSON does not), the JSON everything else.
/// </summary>
public sealed record PaperRun(
    string File,
    string Policy,
    int TrainImages,
    double MaxLr,
    int Seed,
    string Status,
    double? FinalAccuracy,
    double? FinalTrainLoss,
    string Dataset,
    string Model,
    int BatchSize,
    double WeightDecay,
    string Device,
    double Seconds,
    IReadOnlyList<EpochPoint> History)
{
    /// <summary>Iterations per epoch: ⌈images / batch⌉ (the trainer keeps the last, partial batch).</summary>
    public int IterationsPerEpoch => (TrainImages + BatchSize - 1) / BatchSize;

    public int Epochs => History.Count;

    public int Iterations => Epochs * IterationsPerEpoch;

    public bool Completed => Status == "completed" && FinalAccuracy is not null;

    private static readonly int[] TestSetSizes = [500, 1000, 2000, 2500, 5000, 10000];

    /// <summary>
    /// How many test images the runs' accuracies were counted over (--test-subset, which the summary does not record):
    /// the smallest of the usual sizes that makes every accuracy of every run a whole count; null when none does. Read
    /// over many runs together: a single short run's few accuracies can be whole counts of a smaller size by chance.
    /// </summary>
    public static int? TestImagesOf(IEnumerable<PaperRun> runs)
    {
        var accuracies = runs.SelectMany(r => r.History).Select(p => p.TestAccuracy).OfType<double>().ToList();
        return accuracies.Count == 0
            ? null
            : TestSetSizes.Cast<int?>().FirstOrDefault(n => accuracies.All(a => Math.Abs(a * n!.Value - Math.Round(a * n.Value)) < 1e-6 * n.Value));
    }
}

/// <summary>The range test (results/rangetest/mlp-nIMAGES-sSEED.csv) with Core's analysis of its curve.</summary>
public sealed record RangeTestRun(string File, int TrainImages, int Seed, int Iterations, RangeTestReport Report, double PrintedMaxLr);

/// <summary>Everything bench/paper/run.sh left under its results folder.</summary>
public sealed partial record PaperResults(RangeTestRun RangeTest, IReadOnlyList<PaperRun> Super, IReadOnlyList<PaperRun> LessData)
{
    public IEnumerable<PaperRun> All => Super.Concat(LessData);

    public static PaperResults Load(string results)
    {
        var rangeTests = Directory.EnumerateFiles(Path.Combine(results, "rangetest"), "*.csv").Order(StringComparer.Ordinal).ToList();
        if (rangeTests.Count != 1)
        {
            throw new InvalidDataException($"{Path.Combine(results, "rangetest")}: expected one range-test curve, found {rangeTests.Count}");
        }

        return new PaperResults(ReadRangeTest(rangeTests[0], results), ReadRuns(results, "super"), ReadRuns(results, "less-data"));
    }

    private static RangeTestRun ReadRangeTest(string csv, string results)
    {
        var match = RangeTestName().Match(Path.GetFileNameWithoutExtension(csv));
        if (!match.Success)
        {
            throw new InvalidDataException($"{csv}: the name must be MODEL-nIMAGES-sSEED.csv");
        }

        var points = new List<RangeTestPoint>();
        foreach (var line in File.ReadLines(csv).Skip(1))
        {
            var fields = line.Split(',');
            points.Add(new RangeTestPoint(double.Parse(fields[0], CultureInfo.InvariantCulture), ParseLoss(fields[1])));
        }

        // What the console printed when it ran (run.sh trained 1cycle at this value); Core's analysis of the curve must agree.
        using var printed = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(csv, ".json")));
        var printedMaxLr = printed.RootElement.GetProperty("recommended").GetProperty("maxLr").GetDouble();
        var report = RangeTestAnalysis.Analyze(points);
        if (Math.Abs(report.Recommended.MaxLr / printedMaxLr - 1) > 1e-9)
        {
            throw new InvalidDataException($"{csv}: Core's analysis recommends {report.Recommended.MaxLr} but the run printed {printedMaxLr}");
        }

        return new RangeTestRun(
            Path.GetRelativePath(results, csv), Int(match, "n"), Int(match, "seed"), points.Count, report, printedMaxLr);
    }

    private static double ParseLoss(string text) => text.ToLowerInvariant() switch
    {
        "nan" => double.NaN,
        "inf" or "infinity" => double.PositiveInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    private static List<PaperRun> ReadRuns(string results, string folder)
    {
        var runs = new List<PaperRun>();
        var path = Path.Combine(results, folder);
        if (!Directory.Exists(path))
        {
            return runs;
        }

        foreach (var file in Directory.EnumerateFiles(path, "*.json").Order(StringComparer.Ordinal))
        {
            var match = RunName().Match(Path.GetFileNameWithoutExtension(file));
            if (!match.Success)
            {
                continue;
            }

            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var root = json.RootElement;
            var (images, batch) = (Int(match, "n"), root.GetProperty("batchSize").GetInt32());
            var perEpoch = (images + batch - 1) / batch;
            var history = root.GetProperty("history").EnumerateArray().Select(epoch =>
            {
                var number = epoch.GetProperty("epoch").GetInt32();
                var accuracy = epoch.GetProperty("testAccuracy");
                return new EpochPoint(number, number * perEpoch, accuracy.ValueKind == JsonValueKind.Number ? accuracy.GetDouble() : null);
            }).ToList();
            var final = root.GetProperty("testAccuracy");
            var run = new PaperRun(
                Path.GetRelativePath(results, file),
                root.GetProperty("policy").GetString()!,
                images,
                root.GetProperty("maxLr").GetDouble(),
                root.GetProperty("seed").GetInt32(),
                root.GetProperty("status").GetString()!,
                final.ValueKind == JsonValueKind.Number ? final.GetDouble() : null,
                root.GetProperty("trainLoss") is { ValueKind: JsonValueKind.Number } trainLoss ? trainLoss.GetDouble() : null,
                root.GetProperty("dataset").GetString()!,
                root.GetProperty("model").GetString()!,
                batch,
                root.GetProperty("weightDecay").GetDouble(),
                root.GetProperty("device").GetString()!,
                root.GetProperty("seconds").GetDouble(),
                history);
            if (run.Policy != match.Groups["policy"].Value || run.Seed != Int(match, "seed"))
            {
                throw new InvalidDataException($"{file}: the name says {match.Groups["policy"].Value} seed {match.Groups["seed"].Value}, the JSON {run.Policy} seed {run.Seed}");
            }

            runs.Add(run);
        }

        return runs;
    }

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<model>.+)-n(?<n>\d+)-s(?<seed>\d+)$")]
    private static partial Regex RangeTestName();

    [GeneratedRegex(@"^(?<policy>onecycle|multistep)-n(?<n>\d+)(-lr[0-9.]+)?(-e\d+)?-s(?<seed>\d+)$")]
    private static partial Regex RunName();
}
