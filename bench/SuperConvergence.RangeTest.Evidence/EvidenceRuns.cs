using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.RangeTest.Evidence;

/// <summary>One recorded range test (results/curves/MODEL-RAMP-LENGTH-sSEED.csv) with Core's analysis of it.</summary>
public sealed record CurveRun(string Model, string Ramp, int Length, int Seed, IReadOnlyList<RangeTestPoint> Points, RangeTestReport Report)
{
    /// <summary>
    /// What the analysis recommended before the lag-free smoother: the LR at the lowest value of fastai's moving average
    /// (β = 0.98) before that average diverged. Kept to show the length dependence the new rule removes.
    /// </summary>
    public double MovingAverageMinimumLr
    {
        get
        {
            var (best, bestLr) = (double.PositiveInfinity, Points[0].LearningRate);
            foreach (var point in Report.Points)
            {
                if (point.SmoothedLoss > 4 * best)
                {
                    break;
                }

                if (point.SmoothedLoss < best)
                {
                    (best, bestLr) = (point.SmoothedLoss, point.LearningRate);
                }
            }

            return bestLr;
        }
    }
}

/// <summary>One `sc train` summary line (results/grid or results/recommended): its max LR and final test accuracy.</summary>
public sealed record TrainingRun(string Model, double MaxLr, double? TestAccuracy, string Status, IReadOnlyList<double> EpochAccuracies, double Seconds);

/// <summary>Everything bench/range-test/run.sh left under its results folder.</summary>
public sealed partial record EvidenceRuns(
    IReadOnlyList<CurveRun> Curves,
    IReadOnlyList<TrainingRun> Grid,
    IReadOnlyDictionary<(string Model, string Ramp, int Length), TrainingRun> AtRecommendation)
{
    public static EvidenceRuns Load(string results)
    {
        var curves = new List<CurveRun>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(results, "curves"), "*.csv").Order(StringComparer.Ordinal))
        {
            var match = CurveName().Match(Path.GetFileNameWithoutExtension(file));
            if (!match.Success)
            {
                continue;
            }

            var points = ReadCurve(file);
            curves.Add(new CurveRun(
                match.Groups["model"].Value, match.Groups["ramp"].Value, int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups["seed"].Value, CultureInfo.InvariantCulture), points, RangeTestAnalysis.Analyze(points)));
        }

        var grid = ReadRuns(Path.Combine(results, "grid")).Select(pair => pair.Run).ToList();
        var recommended = new Dictionary<(string, string, int), TrainingRun>();
        foreach (var (name, run) in ReadRuns(Path.Combine(results, "recommended")))
        {
            var match = RecommendedName().Match(name);
            if (match.Success)
            {
                recommended[(match.Groups["model"].Value, match.Groups["ramp"].Value, int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture))] = run;
            }
        }

        return new EvidenceRuns(curves, grid, recommended);
    }

    private static List<RangeTestPoint> ReadCurve(string file)
    {
        var points = new List<RangeTestPoint>();
        foreach (var line in File.ReadLines(file).Skip(1))
        {
            var fields = line.Split(',');
            double? accuracy = fields.Length > 2 && fields[2].Length > 0 ? double.Parse(fields[2], CultureInfo.InvariantCulture) : null;
            points.Add(new RangeTestPoint(double.Parse(fields[0], CultureInfo.InvariantCulture), ParseLoss(fields[1]), accuracy));
        }

        return points;
    }

    private static double ParseLoss(string text) => text.ToLowerInvariant() switch
    {
        "nan" => double.NaN,
        "inf" or "infinity" => double.PositiveInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    private static IEnumerable<(string Name, TrainingRun Run)> ReadRuns(string folder)
    {
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var root = json.RootElement;
            var history = root.GetProperty("history").EnumerateArray().Select(epoch => epoch.GetProperty("testAccuracy").GetDouble()).ToList();
            var accuracy = root.GetProperty("testAccuracy");
            yield return (Path.GetFileNameWithoutExtension(file), new TrainingRun(
                root.GetProperty("model").GetString()!,
                root.GetProperty("maxLr").GetDouble(),
                accuracy.ValueKind == JsonValueKind.Number ? accuracy.GetDouble() : null,
                root.GetProperty("status").GetString()!,
                history,
                root.GetProperty("seconds").GetDouble()));
        }
    }

    [GeneratedRegex(@"^(?<model>.+)-(?<ramp>exp|linear)-(?<n>\d+)-s(?<seed>\d+)$")]
    private static partial Regex CurveName();

    [GeneratedRegex(@"^(?<model>.+)-(?<ramp>exp|linear)-(?<n>\d+)$")]
    private static partial Regex RecommendedName();
}
