using System.Globalization;
using System.Text.Json;
using ScottPlot;
using SuperConvergence.Core.Trials.Tabular;

namespace SuperConvergence.Search.Benchmarks;

/// <summary>
/// The paper's regularisation and batch-size findings read off the table: for each batch size and cycle length, the
/// mean accuracy (over seeds, a diverged run at chance) of every max LR and weight decay, the best weight decay at each
/// LR, and where each batch size peaks. Writes JSON and a PNG of accuracy against max LR per weight decay.
/// </summary>
internal static class TableFindings
{
    public sealed record Point(double MaxLr, double WeightDecay, double MeanAccuracy, int Diverged);

    public sealed record Slice(int BatchSize, int CycleEpochs, IReadOnlyList<Point> Points, IReadOnlyList<BestAtLr> BestWeightDecay, Point Best);

    public sealed record BestAtLr(double MaxLr, double WeightDecay, double MeanAccuracy, double AdvantagePoints);

    public static IReadOnlyList<Slice> Read(TrialTableIndex index)
    {
        var table = index.Table;
        var slices = new List<Slice>();
        foreach (var bs in table.BatchSizes)
        {
            foreach (var cycle in table.CycleEpochs)
            {
                var points = (from lr in table.MaxLrs
                              from wd in table.WeightDecays
                              let runs = index.AllSeeds(lr, wd, bs, cycle)
                              select new Point(lr, wd, runs.Average(r => r.FinalAccuracy ?? SearchComparison.ChanceAccuracy), runs.Count(r => r.FinalAccuracy is null))).ToList();
                var best = points.MaxBy(p => p.MeanAccuracy)!;
                var bestWd = points.GroupBy(p => p.MaxLr)
                    .Where(g => g.All(p => p.Diverged == 0))
                    .Select(g =>
                    {
                        var ordered = g.OrderByDescending(p => p.MeanAccuracy).ToArray();
                        return new BestAtLr(g.Key, ordered[0].WeightDecay, ordered[0].MeanAccuracy, (ordered[0].MeanAccuracy - ordered[1].MeanAccuracy) * 100);
                    })
                    .ToList();
                slices.Add(new Slice(bs, cycle, points, bestWd, best));
            }
        }

        return slices;
    }

    public static void WriteJson(string path, IReadOnlyList<Slice> slices) =>
        File.WriteAllText(path, JsonSerializer.Serialize(slices, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }) + "\n");

    /// <summary>One panel per batch size at the longest cycle: accuracy against max LR, a line per weight decay.</summary>
    public static void SavePng(string path, IReadOnlyList<Slice> slices)
    {
        var longest = slices.Max(s => s.CycleEpochs);
        var panels = slices.Where(s => s.CycleEpochs == longest).OrderBy(s => s.BatchSize).ToList();
        var multiplot = new Multiplot();
        multiplot.AddPlots(panels.Count);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < panels.Count; i++)
        {
            var plot = multiplot.GetPlot(i);
            var slice = panels[i];
            plot.Title(string.Create(CultureInfo.InvariantCulture, $"batch {slice.BatchSize}, {slice.CycleEpochs}-epoch 1cycle: mean test accuracy"));
            var index = 0;
            foreach (var wd in slice.Points.GroupBy(p => p.WeightDecay).OrderBy(g => g.Key))
            {
                var line = plot.Add.ScatterLine(wd.Select(p => Math.Log10(p.MaxLr)).ToArray(), wd.Select(p => p.MeanAccuracy).ToArray(), palette.GetColor(index++));
                line.LegendText = string.Create(CultureInfo.InvariantCulture, $"weight decay {wd.Key:G2}");
                line.MarkerSize = 6;
            }

            var ticks = new[] { -3.0, -2, -1, 0, 1 };
            plot.Axes.Bottom.SetTicks(ticks, [.. ticks.Select(t => Math.Pow(10, t).ToString("0.###", CultureInfo.InvariantCulture))]);
            plot.Axes.Bottom.Label.Text = "max learning rate";
            plot.Axes.Left.Label.Text = "test accuracy (mean of seeds; diverged = 0.1)";
            plot.Axes.SetLimitsY(0, 1);
            plot.ShowLegend(Alignment.UpperLeft);
        }

        multiplot.SavePng(path, 1400, 560);
    }
}
