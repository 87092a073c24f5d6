using ScottPlot;
using SuperConvergence.Core.Search;

namespace SuperConvergence.Cli.Reports;

/// <summary>The report's pictures. Learning rates are drawn on a log axis (log10 values, labelled as powers of ten).</summary>
public static class ReportPlots
{
    public const int Width = 900;
    public const int Height = 520;

    /// <summary>
    /// Range-test loss (and accuracy, where measured) against LR, with the bounds the sweep chose (dashed) and the 1cycle
    /// pair Core's analysis suggests from the curves (dotted).
    /// </summary>
    public static Plot RangeTests(SweepReportData data)
    {
        var plot = new Plot();
        plot.Title("LR range tests");
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        var accuracyAxisUsed = false;
        foreach (var test in data.RangeTests.Where(t => t.Curve is { Count: > 0 }))
        {
            var points = test.Curve!.Where(p => p.LearningRate > 0 && double.IsFinite(p.Loss)).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var color = palette.GetColor(index++);
            var loss = plot.Add.ScatterLine(points.Select(p => Math.Log10(p.LearningRate)).ToArray(), points.Select(p => p.Loss).ToArray(), color);
            loss.LegendText = $"loss {test.Definition?.Proposal.Cell} #{index}";
            var withAccuracy = points.Where(p => p.Accuracy is double a && double.IsFinite(a)).ToList();
            if (withAccuracy.Count > 0)
            {
                var accuracy = plot.Add.ScatterPoints(withAccuracy.Select(p => Math.Log10(p.LearningRate)).ToArray(), withAccuracy.Select(p => p.Accuracy!.Value).ToArray(), color);
                accuracy.Axes.YAxis = plot.Axes.Right;
                accuracy.MarkerShape = MarkerShape.OpenCircle;
                accuracyAxisUsed = true;
            }
        }

        var chosen = data.Status.History.FirstOrDefault()?.Bounds ?? data.Status.Bounds;
        MarkBounds(plot, chosen.Min, chosen.Max, $"chosen bounds {Lr(chosen.Min)} … {Lr(chosen.Max)}", Colors.Black, LinePattern.Dashed);
        if (RangeTestSuggestion.Of(data.RangeTests) is { } suggested)
        {
            MarkBounds(plot, suggested.MinLr, suggested.MaxLr, $"suggested 1cycle pair {Lr(suggested.MinLr)} … {Lr(suggested.MaxLr)}", Colors.DarkRed, LinePattern.Dotted);
        }

        if (RangeTestSuggestion.HessianFree(data.RangeTests) is double curvature)
        {
            var line = plot.Add.VerticalLine(Math.Log10(curvature), width: 2, color: Colors.DarkGreen);
            line.LinePattern = LinePattern.DenselyDashed;
            line.LegendText = $"Hessian-free estimate {Lr(curvature)}";
        }

        plot.Axes.Left.Label.Text = "training loss";
        if (accuracyAxisUsed)
        {
            plot.Axes.Right.Label.Text = "validation accuracy (circles)";
        }

        LogLrAxis(plot.Axes.Bottom, "learning rate");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>The max-LR interval each round drew from: how the bounds narrowed.</summary>
    public static Plot Narrowing(SweepReportData data)
    {
        var plot = new Plot();
        plot.Title("LR bounds per round");
        foreach (var round in data.Status.History)
        {
            var line = plot.Add.Line(round.Round, Math.Log10(round.Bounds.Min), round.Round, Math.Log10(round.Bounds.Max));
            line.LineWidth = 8;
            line.MarkerSize = 0;
            if (round.BestAccuracy is double best)
            {
                var label = plot.Add.Text(best.ToString("0.0%", CultureInfo.InvariantCulture), round.Round, Math.Log10(round.Bounds.Max));
                label.LabelFontSize = 11;
            }
        }

        plot.Axes.Bottom.Label.Text = "round";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        LogLrAxis(plot.Axes.Left, "max learning rate");
        return plot;
    }

    /// <summary>Final accuracy of every completed training trial against its max LR, one colour per weight decay.</summary>
    public static Plot AccuracyByMaxLr(SweepReportData data)
    {
        var plot = new Plot();
        plot.Title("accuracy against max LR, by weight decay");
        var palette = new ScottPlot.Palettes.Category10();
        var groups = CompletedTraining(data.Trials)
            .GroupBy(t => t.Config.WeightDecay)
            .OrderBy(g => g.Key);
        var index = 0;
        foreach (var group in groups)
        {
            var points = plot.Add.ScatterPoints(
                group.Select(t => Math.Log10(t.Config.MaxLr)).ToArray(),
                group.Select(t => t.Accuracy).ToArray(),
                palette.GetColor(index++));
            points.LegendText = $"wd {group.Key.ToString("0.####e+0", CultureInfo.InvariantCulture)}";
            points.MarkerSize = 7;
        }

        plot.Axes.Left.Label.Text = "test accuracy";
        LogLrAxis(plot.Axes.Bottom, "max learning rate");
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }

    private static IEnumerable<(TrialConfig Config, double Accuracy)> CompletedTraining(IEnumerable<TrialSummary> trials)
    {
        foreach (var trial in trials)
        {
            if (trial is { Proposal: TrainingProposal { Config: var config }, State: TrialState.Completed, Accuracy: double accuracy })
            {
                yield return (config, accuracy);
            }
        }
    }

    /// <summary>The LR (left) and momentum (right) of the best trial's 1cycle, over the fraction of its cycle.</summary>
    public static Plot BestSchedule(SweepReportData data)
    {
        var plot = new Plot();
        var config = (data.BestHistories.FirstOrDefault()?.Definition?.Proposal as TrainingProposal)?.Config;
        if (config is null)
        {
            plot.Title("LR and momentum of the best trial: no completed training trial");
            return plot;
        }

        const int steps = 1000;
        var schedule = CyclePlan.ScheduleOver(config, steps);
        var fraction = Enumerable.Range(0, steps).Select(i => i / (double)(steps - 1)).ToArray();
        var lr = plot.Add.ScatterLine(fraction, Enumerable.Range(0, steps).Select(i => schedule.At(i).LearningRate).ToArray());
        lr.LegendText = "learning rate";
        var momentum = plot.Add.ScatterLine(fraction, Enumerable.Range(0, steps).Select(i => schedule.At(i).Momentum).ToArray());
        momentum.LegendText = "momentum";
        momentum.Axes.YAxis = plot.Axes.Right;
        plot.Title($"1cycle of the best trial: max LR {config.MaxLr.ToString("G4", CultureInfo.InvariantCulture)}, {config.CycleEpochs}-epoch cycle");
        plot.Axes.Bottom.Label.Text = "fraction of the cycle";
        plot.Axes.Left.Label.Text = "learning rate";
        plot.Axes.Right.Label.Text = "momentum";
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>Test accuracy per epoch of the best trials.</summary>
    public static Plot TopTrials(SweepReportData data)
    {
        var plot = new Plot();
        plot.Title("test accuracy per epoch, best trials");
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var trial in data.BestHistories.Where(t => t.Epochs.Count > 0))
        {
            var line = plot.Add.ScatterLine(trial.Epochs.Select(e => (double)e.Epoch).ToArray(), trial.Epochs.Select(e => e.TestAccuracy).ToArray(), palette.GetColor(index++));
            var config = (trial.Definition?.Proposal as TrainingProposal)?.Config;
            line.LegendText = config is null ? trial.TrialId : $"{trial.TrialId}: max LR {config.MaxLr.ToString("0.###", CultureInfo.InvariantCulture)}, wd {config.WeightDecay.ToString("0.#e+0", CultureInfo.InvariantCulture)}";
            line.MarkerSize = 6;
        }

        plot.Axes.Bottom.Label.Text = "epoch";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Left.Label.Text = "test accuracy";
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static void MarkBounds(Plot plot, double min, double max, string label, Color color, LinePattern pattern)
    {
        if (!(min > 0) || !(max > 0))
        {
            return;
        }

        foreach (var lr in new[] { min, max })
        {
            var line = plot.Add.VerticalLine(Math.Log10(lr), width: 2, color: color);
            line.LinePattern = pattern;
            line.LegendText = lr == min ? label : "";
        }
    }

    private static string Lr(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    private static void LogLrAxis(IAxis axis, string label)
    {
        axis.Label.Text = label;
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            LabelFormatter = v => $"1e{v.ToString("0", CultureInfo.InvariantCulture)}",
        };
    }
}
