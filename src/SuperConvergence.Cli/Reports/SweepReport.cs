using ScottPlot;
using SuperConvergence.Core.Search;

namespace SuperConvergence.Cli.Reports;

/// <summary>Writes a sweep's report: PNG plots and a report.md that shows them above the best-config table.</summary>
public static class SweepReport
{
    public static IReadOnlyList<string> Write(SweepReportData data, string directory)
    {
        Directory.CreateDirectory(directory);
        var images = new List<(string File, string Caption)>
        {
            Save(ReportPlots.RangeTests(data), directory, "range-tests.png", "Range tests: loss (lines) and accuracy (circles) against LR; dashed lines mark the bounds the sweep chose, dotted lines the 1cycle pair Core's range-test analysis suggests from the curves (log-median over them)."),
            Save(ReportPlots.Narrowing(data), directory, "narrowing.png", "The max-LR interval of each round, labelled with the round's best accuracy."),
            Save(ReportPlots.AccuracyByMaxLr(data), directory, "accuracy-vs-max-lr.png", "Final test accuracy of each completed trial against its max LR, by weight decay."),
            Save(ReportPlots.BestSchedule(data), directory, "best-schedule.png", "The learning rate and momentum of the best trial's 1cycle."),
            Save(ReportPlots.TopTrials(data), directory, "top-trials.png", "Test accuracy per epoch of the best trials."),
        };
        var markdown = Path.Combine(directory, "report.md");
        File.WriteAllText(markdown, Markdown(data, images));
        return [.. images.Select(i => Path.Combine(directory, i.File)), markdown];
    }

    private static (string File, string Caption) Save(Plot plot, string directory, string file, string caption)
    {
        plot.SavePng(Path.Combine(directory, file), ReportPlots.Width, ReportPlots.Height);
        return (file, caption);
    }

    private static string Markdown(SweepReportData data, IReadOnlyList<(string File, string Caption)> images)
    {
        var s = data.Status;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Sweep {s.SweepId}: {s.Name}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"State **{SweepJson.Wire(s.State)}**, {s.Phase}, round {s.Round}; max-LR bounds {SweepTables.Lr(s.Bounds.Min)} … {SweepTables.Lr(s.Bounds.Max)}; {s.TotalTrials} trials ({string.Join(", ", s.CountsByName.Where(c => c.Value > 0).Select(c => $"{c.Value} {c.Key}"))}); {s.TrialEpochsUsed} trial-epochs.");
        md.AppendLine();
        foreach (var (file, caption) in images)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"![{caption}]({file})");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"*{caption}*");
            md.AppendLine();
        }

        md.AppendLine("## Range tests");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"The first round's bounds came from: {s.BoundsSource ?? "(no range tests read)"}.");
        md.AppendLine();
        md.AppendLine("| trial | cell | seed | iterations | loss fell | loss floor | recommended max LR | divergence | Hessian-free LR |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |");
        foreach (var test in data.RangeTests)
        {
            var config = (test.Definition?.Proposal as RangeTestProposal)?.Config;
            var report = RangeTestSuggestion.Read(test);
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {test.TrialId} | {test.Definition?.Proposal.Cell} | {config?.Seed} | {test.Curve?.Count ?? 0} | {(report is null ? "—" : report.Signal.Usable ? report.Signal.Drop.ToString("P0", CultureInfo.InvariantCulture) : $"{report.Signal.Drop:P0} (no signal)")} | {(report is null ? "—" : $"{SweepTables.Lr(report.Floor.Low)} … {(report.Floor.ReachesEnd ? "beyond " : "")}{SweepTables.Lr(report.Floor.High)}")} | {(report is null ? "—" : (report.Floor.ReachesEnd ? "≥ " : "") + SweepTables.Lr(report.Recommended.MaxLr))} | {(report?.DivergenceLr is double d ? SweepTables.Lr(d) : "—")} | {(test.Hessian?.LearningRate is double h ? SweepTables.Lr(h) : "—")} |"));
        }

        md.AppendLine();
        md.AppendLine("## Best configurations");
        md.AppendLine();
        md.AppendLine("| # | trial | max LR | min LR | weight decay | batch | cycle epochs | accuracy |");
        md.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (var i = 0; i < data.Best.Count; i++)
        {
            var b = data.Best[i];
            md.AppendLine(CultureInfo.InvariantCulture, $"| {i + 1} | {b.TrialId} | {SweepTables.Lr(b.MaxLr)} | {SweepTables.Lr(b.MinLr)} | {SweepTables.Lr(b.WeightDecay)} | {b.BatchSize} | {b.CycleEpochs} | {SweepTables.Percent(b.Accuracy)} |");
        }

        return md.ToString();
    }
}
