using System.Globalization;
using System.Text;
using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.RangeTest.Evidence;

/// <summary>docs/range-test-evidence.md: every number of the range-test evidence, computed from the recorded runs.</summary>
public static class EvidencePage
{
    /// <summary>The lengths whose recommendations must agree (the issue's target: within 0.2 decades).</summary>
    public static readonly int[] AgreementLengths = [200, 400, 1000];

    public static string Write(EvidenceRuns runs, string provenance, string plotPath)
    {
        var page = new StringBuilder();
        page.AppendLine("# Range-test evidence");
        page.AppendLine();
        page.AppendLine("Generated — do not edit by hand. " + provenance);
        page.AppendLine();
        page.AppendLine("Fashion-MNIST (`sc data get`'s stratified split: 60,000 training and 10,000 test images), batch 256, weight decay 5e-4, SGD with momentum 0.9, seeds 1–3, CPU. Range tests: `sc rangetest run` over 1e-4 … 10 (exponential ramp) or 1e-3 … 3 (linear ramp). 1cycle: `sc train --policy onecycle` for 5 epochs at seed 1 (PyTorch OneCycleLR's defaults: div factor 25, momentum 0.95 → 0.85). Every recommendation below is Core's analysis with its defaults (docs/range-test.md); the \"moving-average minimum\" column is the rule it replaced: the LR at the lowest value of fastai's moving average (β 0.98).");
        page.AppendLine();

        foreach (var group in runs.Curves.GroupBy(c => (c.Model, c.Ramp)).OrderBy(g => g.Key.Model == "resnet-small" ? 0 : 1).ThenBy(g => g.Key.Ramp))
        {
            page.AppendLine(CultureInfo.InvariantCulture, $"## {group.Key.Model}, {(group.Key.Ramp == "exp" ? "exponential ramp 1e-4 … 10" : "linear ramp 1e-3 … 3")}");
            page.AppendLine();
            page.AppendLine("| iterations | recommended max LR, per seed | median | min LR (median) | loss floor (median) | divergence (median) | loss fell (median) | moving-average minimum, per seed | 1cycle, 5 epochs, at the median |");
            page.AppendLine("| ---: | --- | ---: | ---: | --- | ---: | ---: | --- | ---: |");
            foreach (var length in group.GroupBy(c => c.Length).OrderBy(g => g.Key))
            {
                var curves = length.OrderBy(c => c.Seed).ToList();
                var aggregate = RangeTestAggregation.Aggregate([.. curves.Select(c => c.Report)]);
                var divergences = curves.Select(c => c.Report.DivergenceLr).OfType<double>().ToList();
                runs.AtRecommendation.TryGetValue((group.Key.Model, group.Key.Ramp, length.Key), out var trained);
                page.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {length.Key:N0} | {string.Join(", ", curves.Select(c => Recommendation(c.Report.Recommended.MaxLr, c.Report.Floor.ReachesEnd) + (c.Report.Signal.Usable ? "" : " (no signal)")))} | **{Recommendation(aggregate.Recommended.MaxLr, aggregate.Floor.ReachesEnd)}**{(aggregate.HasSignal ? "" : " (no signal: a sweep would not narrow on it)")} | {Lr(aggregate.Recommended.MinLr)} | {Lr(aggregate.Floor.Low)} … {(aggregate.Floor.ReachesEnd ? "beyond " : "")}{Lr(aggregate.Floor.High)} | {(divergences.Count == 0 ? "none" : Lr(RangeTestAggregation.LogMedian(divergences)))} | {Median(curves.Select(c => c.Report.Signal.Drop)):P0} | {string.Join(", ", curves.Select(c => Lr(c.MovingAverageMinimumLr)))} | {Accuracy(trained)} |"));
            }

            page.AppendLine();
            var open = group.GroupBy(c => c.Length).Where(g => RangeTestAggregation.Aggregate([.. g.Select(c => c.Report)]).Floor.ReachesEnd).Select(g => g.Key).Order().ToList();
            if (open.Count > 0)
            {
                page.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"At {string.Join(", ", open.Select(l => l.ToString("N0", CultureInfo.InvariantCulture)))} iterations most curves' loss floors reach the ramp's last LR: the loss never climbed, so the analysis reports the floor as open (\"beyond\"), the recommendation as a lower bound (≥), and asks for a larger end LR; the sweep coordinator bounds such a cell below only. The spans that follow compare those lower bounds."));
                page.AppendLine();
            }

            var medians = group.GroupBy(c => c.Length).ToDictionary(g => g.Key, g => RangeTestAggregation.Aggregate([.. g.Select(c => c.Report)]).Recommended.MaxLr);
            var oldMedians = group.GroupBy(c => c.Length).ToDictionary(g => g.Key, g => RangeTestAggregation.LogMedian(g.Select(c => c.MovingAverageMinimumLr)));
            var agreeing = AgreementLengths.Where(medians.ContainsKey).ToList();
            if (agreeing.Count >= 2)
            {
                page.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"Over {string.Join(", ", agreeing.Select(l => l.ToString("N0", CultureInfo.InvariantCulture)))} iterations the median recommendations span **{Span(agreeing.Select(l => medians[l])):0.00} decades** (a factor of {Math.Pow(10, Span(agreeing.Select(l => medians[l]))):0.00}); with every length measured, {Span(medians.Values):0.00} decades. The moving-average minimum spans {Span(agreeing.Select(l => oldMedians[l])):0.00} decades over the same lengths ({Span(oldMedians.Values):0.00} with every length)."));
                page.AppendLine();
            }
        }

        page.AppendLine("## 1cycle at the recommendation against a grid of max LRs");
        page.AppendLine();
        var models = runs.Grid.Select(r => r.Model).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var model in models)
        {
            var grid = runs.Grid.Where(r => r.Model == model).OrderBy(r => r.MaxLr).ToList();
            page.AppendLine(CultureInfo.InvariantCulture, $"### {model}");
            page.AppendLine();
            page.AppendLine("| max LR | test accuracy after each epoch | final | seconds |");
            page.AppendLine("| ---: | --- | ---: | ---: |");
            foreach (var run in grid)
            {
                page.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {Lr(run.MaxLr)} | {string.Join(", ", run.EpochAccuracies.Select(a => a.ToString("P2", CultureInfo.InvariantCulture)))} | {Accuracy(run)} | {run.Seconds:F0} |"));
            }

            var best = grid.Where(r => r.TestAccuracy is not null).MaxBy(r => r.TestAccuracy);
            page.AppendLine();
            if (best is not null)
            {
                page.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Best max LR of the grid: **{Lr(best.MaxLr)}** at {best.TestAccuracy:P2}. At the recommendations:"));
                page.AppendLine();
                page.AppendLine("| ramp | iterations | max LR | test accuracy | behind the grid's best |");
                page.AppendLine("| --- | ---: | ---: | ---: | ---: |");
                foreach (var ((_, ramp, length), run) in runs.AtRecommendation.Where(p => p.Key.Model == model).OrderBy(p => p.Key.Ramp).ThenBy(p => p.Key.Length))
                {
                    var reports = runs.Curves.Where(c => c.Model == model && c.Ramp == ramp && c.Length == length).Select(c => c.Report).ToList();
                    var floorReachesEnd = reports.Count > 0 && RangeTestAggregation.Aggregate(reports).Floor.ReachesEnd;
                    page.AppendLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {ramp} | {length:N0} | {Recommendation(run.MaxLr, floorReachesEnd)} | {Accuracy(run)} | {(run.TestAccuracy is double a ? ((best.TestAccuracy!.Value - a) * 100).ToString("0.00", CultureInfo.InvariantCulture) + " points" : "—")} |"));
                }

                page.AppendLine();
            }
        }

        page.AppendLine(CultureInfo.InvariantCulture, $"![Recommended max LR against test length, and 1cycle accuracy against max LR]({plotPath})");
        return page.ToString();
    }

    public static string Lr(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>A recommended max LR; "≥" marks one read off a floor that reached the test's end (a lower bound).</summary>
    private static string Recommendation(double maxLr, bool floorReachesEnd) => (floorReachesEnd ? "≥ " : "") + Lr(maxLr);

    private static string Accuracy(TrainingRun? run) => run is null ? "—" : run.TestAccuracy is double a ? a.ToString("P2", CultureInfo.InvariantCulture) : run.Status;

    /// <summary>How many decades the values span: log10(max / min).</summary>
    public static double Span(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? 0 : Math.Log10(list.Max() / list.Min());
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
