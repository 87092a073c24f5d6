using System.Globalization;
using ScottPlot;
using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.RangeTest.Evidence;

/// <summary>
/// The evidence in one picture: left, the recommended max LR of every curve against the test's length (lag-free rule
/// filled, the moving-average minimum it replaced hollow); right, 1cycle's final accuracy against max LR (the grid as a
/// line, the runs at the recommendations as points). LRs on log axes.
/// </summary>
public static class EvidencePlot
{
    public static void Save(EvidenceRuns runs, string path)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        Lengths(multiplot.GetPlot(0), runs);
        Accuracies(multiplot.GetPlot(1), runs);
        multiplot.SavePng(path, 1400, 560);
    }

    private static void Lengths(Plot plot, EvidenceRuns runs)
    {
        plot.Title("recommended max LR against range-test length");
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var group in runs.Curves.GroupBy(c => (c.Model, c.Ramp)).OrderBy(g => g.Key.Model).ThenBy(g => g.Key.Ramp))
        {
            var color = palette.GetColor(index++);
            var lengths = group.Select(c => Math.Log10(c.Length)).ToArray();
            var recommended = plot.Add.ScatterPoints(lengths, group.Select(c => Math.Log10(c.Report.Recommended.MaxLr)).ToArray(), color);
            recommended.LegendText = $"{group.Key.Model} {group.Key.Ramp}: lag-free";
            recommended.MarkerSize = 8;
            var old = plot.Add.ScatterPoints(lengths, group.Select(c => Math.Log10(c.MovingAverageMinimumLr)).ToArray(), color);
            old.LegendText = $"{group.Key.Model} {group.Key.Ramp}: moving-average minimum";
            old.MarkerShape = MarkerShape.OpenCircle;
            old.MarkerSize = 8;
            var medians = group.GroupBy(c => c.Length).OrderBy(g => g.Key).ToList();
            var line = plot.Add.ScatterLine(
                medians.Select(g => Math.Log10(g.Key)).ToArray(),
                medians.Select(g => Math.Log10(RangeTestAggregation.Aggregate([.. g.Select(c => c.Report)]).Recommended.MaxLr)).ToArray(),
                color);
            line.LineWidth = 2;
        }

        var measured = runs.Curves.Select(c => c.Length).Distinct().Order().ToArray();
        plot.Axes.Bottom.SetTicks([.. measured.Select(l => Math.Log10(l))], [.. measured.Select(l => l.ToString(CultureInfo.InvariantCulture))]);
        plot.Axes.Bottom.Label.Text = "range-test iterations";
        LogAxis(plot.Axes.Left, "recommended max LR", "0.###");
        plot.ShowLegend(Alignment.UpperRight);
    }

    private static void Accuracies(Plot plot, EvidenceRuns runs)
    {
        plot.Title("1cycle, 5 epochs: test accuracy against max LR");
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var model in runs.Grid.Select(r => r.Model).Concat(runs.AtRecommendation.Keys.Select(k => k.Model)).Distinct().Order(StringComparer.Ordinal))
        {
            var color = palette.GetColor(index++);
            var grid = runs.Grid.Where(r => r.Model == model && r.TestAccuracy is not null).OrderBy(r => r.MaxLr).ToList();
            var line = plot.Add.ScatterLine(grid.Select(r => Math.Log10(r.MaxLr)).ToArray(), grid.Select(r => r.TestAccuracy!.Value).ToArray(), color);
            line.LegendText = $"{model}: grid";
            line.MarkerSize = 6;
            var recommended = runs.AtRecommendation.Where(p => p.Key.Model == model && p.Value.TestAccuracy is not null).Select(p => p.Value).ToList();
            if (recommended.Count > 0)
            {
                var points = plot.Add.ScatterPoints(recommended.Select(r => Math.Log10(r.MaxLr)).ToArray(), recommended.Select(r => r.TestAccuracy!.Value).ToArray(), color);
                points.LegendText = $"{model}: at the recommendations";
                points.MarkerShape = MarkerShape.FilledDiamond;
                points.MarkerSize = 11;
            }
        }

        LogAxis(plot.Axes.Bottom, "max learning rate", "0.###");
        plot.Axes.Left.Label.Text = "test accuracy";
        plot.ShowLegend(Alignment.LowerLeft);
    }

    private static void LogAxis(IAxis axis, string label, string format)
    {
        axis.Label.Text = label;
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            LabelFormatter = v => Math.Pow(10, v).ToString(format, CultureInfo.InvariantCulture),
        };
    }
}
