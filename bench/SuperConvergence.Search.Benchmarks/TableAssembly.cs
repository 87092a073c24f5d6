using System.Globalization;
using System.Text.Json;
using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Search.Space;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;
using SuperConvergence.Core.Trials.Tabular;

namespace SuperConvergence.Search.Benchmarks;

/// <summary>
/// Turns the generation journal into the committed <see cref="TrialTable"/>: the last record of each run, metrics
/// rounded to 6 significant digits (far below the seed-to-seed noise) to keep the file small, sorted by grid point.
/// </summary>
internal static class TableAssembly
{
    public static TrialTable FromJournal(string journal, SweepSpec spec, TableProvenance provenance)
    {
        var trials = new Dictionary<string, TableTrial>(StringComparer.Ordinal);
        var rangeTests = new Dictionary<string, TableRangeTest>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(journal))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                continue; // a line cut short by a kill; the generator redoes its run
            }

            using (document)
            {
                var r = document.RootElement;
                var key = r.GetProperty("key").GetString()!;
                if (r.GetProperty("kind").GetString() == "trial")
                {
                    trials[key] = new TableTrial(
                        r.GetProperty("maxLr").GetDouble(),
                        r.GetProperty("weightDecay").GetDouble(),
                        r.GetProperty("batchSize").GetInt32(),
                        r.GetProperty("cycleEpochs").GetInt32(),
                        r.GetProperty("seed").GetInt32(),
                        r.GetProperty("status").GetString() == "completed" ? TrialEnd.Completed : TrialEnd.Diverged,
                        r.GetProperty("seconds").GetDouble(),
                        [.. r.GetProperty("epochs").EnumerateArray().Select(e => new TableEpoch(Round(e[0].GetDouble()), Round(e[1].GetDouble()), Round(e[2].GetDouble())))]);
                }
                else
                {
                    rangeTests[key] = new TableRangeTest(
                        r.GetProperty("weightDecay").GetDouble(),
                        r.GetProperty("batchSize").GetInt32(),
                        r.GetProperty("seed").GetInt32(),
                        r.GetProperty("diverged").GetBoolean(),
                        r.GetProperty("seconds").GetDouble(),
                        [.. r.GetProperty("points").EnumerateArray().Select(p => new RangeTestPoint(
                            p[0].GetDouble(),
                            p[1].ValueKind == JsonValueKind.Null ? double.NaN : Round(p[1].GetDouble()),
                            p[2].ValueKind == JsonValueKind.Null ? null : Round(p[2].GetDouble())))]);
                }
            }
        }

        var probe = new TrialConfigs(spec).RangeTest(SearchCell.AllOf(spec.SearchSpace)[0], seed: 1);
        return new TrialTable(
            provenance,
            spec.Dataset,
            spec.Model,
            spec.Data?.TrainImages ?? throw new InvalidOperationException("the table's spec must fix data.trainImages"),
            spec.Data?.TestImages ?? 10_000,
            new TableRangeTestSettings(probe.StartLr, probe.EndLr, probe.Iterations, probe.Momentum, probe.AccuracyEvery),
            [.. trials.Values.OrderBy(t => t.CycleEpochs).ThenBy(t => t.BatchSize).ThenBy(t => t.WeightDecay).ThenBy(t => t.MaxLr).ThenBy(t => t.Seed)],
            [.. rangeTests.Values.OrderBy(t => t.BatchSize).ThenBy(t => t.WeightDecay).ThenBy(t => t.Seed)]);
    }

    /// <summary>A smaller table of the same runs: only the listed values (for test fixtures).</summary>
    public static TrialTable Carve(TrialTable table, ISet<double> maxLrs, ISet<double> weightDecays, ISet<int> batchSizes, ISet<int> cycles, ISet<int> seeds) =>
        table with
        {
            Trials = [.. table.Trials.Where(t => maxLrs.Contains(t.MaxLr) && weightDecays.Contains(t.WeightDecay) && batchSizes.Contains(t.BatchSize) && cycles.Contains(t.CycleEpochs) && seeds.Contains(t.Seed))],
            RangeTests = [.. table.RangeTests.Where(t => weightDecays.Contains(t.WeightDecay) && batchSizes.Contains(t.BatchSize) && seeds.Contains(t.Seed))],
        };

    private static double Round(double value) =>
        value == 0 || !double.IsFinite(value) ? value : double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
