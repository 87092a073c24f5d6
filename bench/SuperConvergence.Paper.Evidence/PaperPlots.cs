using System.Globalization;
using ScottPlot;

namespace SuperConvergence.Paper.Evidence;

/// <summary>docs/img/paper-super-convergence.png and docs/img/paper-less-data.png.</summary>
public static class PaperPlots
{
    /// <summary>
    /// Left: test accuracy against iterations, the tuned conventional schedule (each seed thin, the mean bold) and the
    /// mean of each 1cycle length; right: final accuracy against the schedule's length (log), each seed and the mean.
    /// The dashed line is the target, the conventional schedule's mean final accuracy.
    /// </summary>
    public static void SaveSuperConvergence(SuperConvergenceFinding finding, string path)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        var palette = new ScottPlot.Palettes.Category10();
        var conventionalColor = Colors.Black;

        var curves = multiplot.GetPlot(0);
        curves.Title("test accuracy against iterations");
        foreach (var run in finding.Conventional.Runs)
        {
            var seed = Line(curves, Xs(run.History), Ys(run.History), conventionalColor.WithAlpha(0.25));
            seed.LineWidth = 1;
            seed.MarkerSize = 0;
        }

        var conventional = Line(curves, Xs(finding.Conventional.MeanCurve), Ys(finding.Conventional.MeanCurve), conventionalColor);
        conventional.LineWidth = 2;
        conventional.MarkerSize = 0;
        conventional.LegendText = $"conventional (×0.1 at 50 %, 75 %), LR {Lr(finding.Conventional.MaxLr)}: mean of {finding.Conventional.Runs.Count} seeds";
        var index = 0;
        foreach (var cycle in finding.Cycles)
        {
            var line = Line(curves, Xs(cycle.MeanCurve), Ys(cycle.MeanCurve), palette.GetColor(index++));
            line.LineWidth = 2;
            line.MarkerSize = 4;
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"1cycle to {Lr(cycle.MaxLr)}, {cycle.Epochs} epochs ({cycle.Iterations:N0} it.)");
        }

        Target(curves, finding.Target);
        var low = Math.Min(finding.Target - 0.05, finding.Cycles.Min(c => c.Final.Mean) - 0.01);
        curves.Axes.SetLimitsY(low, Math.Max(finding.Target, finding.Cycles.Max(c => c.Final.Max)) + 0.01);
        curves.Axes.Bottom.Label.Text = "iterations";
        curves.Axes.Left.Label.Text = "test accuracy";
        curves.ShowLegend(Alignment.LowerRight);

        var finals = multiplot.GetPlot(1);
        finals.Title("final test accuracy against the schedule's length");
        var oneCycleColor = palette.GetColor(0);
        var seeds = Points(finals, 
            [.. finding.Cycles.SelectMany(c => c.Final.Values.Select(_ => Math.Log10(c.Iterations)))],
            [.. finding.Cycles.SelectMany(c => c.Final.Values)],
            oneCycleColor);
        seeds.MarkerShape = MarkerShape.OpenCircle;
        seeds.MarkerSize = 7;
        seeds.LegendText = "1cycle, each seed";
        var mean = Line(finals, [.. finding.Cycles.Select(c => Math.Log10(c.Iterations))], [.. finding.Cycles.Select(c => c.Final.Mean)], oneCycleColor);
        mean.LineWidth = 2;
        mean.MarkerSize = 8;
        mean.LegendText = "1cycle, mean";
        var conventionalSeeds = Points(finals, 
            [.. finding.Conventional.Final.Values.Select(_ => Math.Log10(finding.Conventional.Iterations))], [.. finding.Conventional.Final.Values], conventionalColor);
        conventionalSeeds.MarkerShape = MarkerShape.OpenSquare;
        conventionalSeeds.MarkerSize = 7;
        conventionalSeeds.LegendText = "conventional, each seed";
        var conventionalMean = Points(finals, [Math.Log10(finding.Conventional.Iterations)], [finding.Target], conventionalColor);
        conventionalMean.MarkerShape = MarkerShape.FilledSquare;
        conventionalMean.MarkerSize = 10;
        conventionalMean.LegendText = "conventional, mean";
        Target(finals, finding.Target);
        var lengths = finding.Cycles.Select(c => c.Iterations).Append(finding.Conventional.Iterations).Distinct().Order().ToArray();
        finals.Axes.Bottom.SetTicks([.. lengths.Select(l => Math.Log10(l))], [.. lengths.Select(l => l.ToString("N0", CultureInfo.InvariantCulture))]);
        finals.Axes.Bottom.Label.Text = "iterations (log scale)";
        finals.Axes.Left.Label.Text = "final test accuracy";
        finals.ShowLegend(Alignment.LowerRight);
        multiplot.SavePng(path, 1500, 600);
    }

    /// <summary>Left: each schedule's final accuracy against the training-set size (log); right: the gap in points.</summary>
    public static void SaveLessData(LessDataFinding finding, string path)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        var palette = new ScottPlot.Palettes.Category10();
        var sizes = finding.Sizes.Select(s => Math.Log10(s.TrainImages)).ToArray();

        var finals = multiplot.GetPlot(0);
        finals.Title("final test accuracy at equal iterations, by training-set size");
        foreach (var (name, color, pick) in new (string, Color, Func<SizeResult, ScheduleResult>)[]
                 {
                     ("1cycle", palette.GetColor(0), s => s.OneCycle),
                     ("conventional", Colors.Black, s => s.Conventional),
                 })
        {
            var seeds = Points(finals, 
                [.. finding.Sizes.SelectMany(s => pick(s).Final.Values.Select(_ => Math.Log10(s.TrainImages)))],
                [.. finding.Sizes.SelectMany(s => pick(s).Final.Values)],
                color);
            seeds.MarkerShape = MarkerShape.OpenCircle;
            seeds.MarkerSize = 7;
            seeds.LegendText = $"{name}, each seed";
            var mean = Line(finals, sizes, [.. finding.Sizes.Select(s => pick(s).Final.Mean)], color);
            mean.LineWidth = 2;
            mean.MarkerSize = 8;
            mean.LegendText = $"{name}, mean";
        }

        SizeAxis(finals, finding);
        finals.Axes.Left.Label.Text = "final test accuracy";
        finals.ShowLegend(Alignment.LowerRight);

        var gaps = multiplot.GetPlot(1);
        gaps.Title("1cycle minus conventional, points of test accuracy");
        var seedGaps = Points(gaps, 
            [.. finding.Sizes.SelectMany(s => s.SeedGaps.Select(_ => Math.Log10(s.TrainImages)))], [.. finding.Sizes.SelectMany(s => s.SeedGaps.Select(g => g * 100))], palette.GetColor(1));
        seedGaps.MarkerShape = MarkerShape.OpenCircle;
        seedGaps.MarkerSize = 7;
        seedGaps.LegendText = "each seed pair";
        var gap = Line(gaps, sizes, [.. finding.Sizes.Select(s => s.Gap * 100)], palette.GetColor(1));
        gap.LineWidth = 2;
        gap.MarkerSize = 8;
        gap.LegendText = "mean of the seeds";
        var zero = gaps.Add.HorizontalLine(0, width: 1, color: Colors.Gray);
        zero.LinePattern = LinePattern.Dashed;
        SizeAxis(gaps, finding);
        gaps.Axes.Left.Label.Text = "gap (points)";
        gaps.ShowLegend(Alignment.UpperLeft);
        multiplot.SavePng(path, 1400, 560);
    }

    private static void SizeAxis(Plot plot, LessDataFinding finding)
    {
        plot.Axes.Bottom.SetTicks(
            [.. finding.Sizes.Select(s => Math.Log10(s.TrainImages))],
            [.. finding.Sizes.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.TrainImages:N0}\n({s.OneCycle.Iterations:N0} it.)"))]);
        plot.Axes.Bottom.Label.Text = "training images (log scale)";
    }

    private static void Target(Plot plot, double target)
    {
        var line = plot.Add.HorizontalLine(target, width: 1, color: Colors.Gray);
        line.LinePattern = LinePattern.Dashed;
        line.LegendText = string.Create(CultureInfo.InvariantCulture, $"target: conventional's final {target:P2}");
    }

    private static ScottPlot.Plottables.Scatter Points(Plot plot, IEnumerable<double> xs, IEnumerable<double> ys, Color color) =>
        plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), color);

    private static ScottPlot.Plottables.Scatter Line(Plot plot, IEnumerable<double> xs, IEnumerable<double> ys, Color color) =>
        plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), color);

    private static double[] Xs(IEnumerable<EpochPoint> points) => [.. points.Where(p => p.TestAccuracy is not null).Select(p => (double)p.Iteration)];

    private static double[] Ys(IEnumerable<EpochPoint> points) => [.. points.Where(p => p.TestAccuracy is not null).Select(p => p.TestAccuracy!.Value)];

    public static string Lr(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
