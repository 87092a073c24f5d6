using System.Globalization;
using System.Text.Json;
using ScottPlot;

namespace SuperConvergence.Search.Benchmarks;

/// <summary>
/// Summarises the sweeps per strategy and budget — median and interquartile range of the regret, compute spent — as
/// JSON and as a PNG of regret against budget. A sweep that found no completed trial counts at the worst regret
/// (the table's best against chance), never as missing.
/// </summary>
internal static class SearchReport
{
    public sealed record Row(string Strategy, double BudgetShare, int Sweeps, double MedianRegret, double Q25Regret, double Q75Regret, double MeanSpentEpochs, double MeanRangeTestEpochs, double MeanTrials);

    public static IReadOnlyList<Row> Summarise(IReadOnlyList<SweepOutcome> outcomes, double worstRegret) =>
        [.. outcomes.GroupBy(o => (o.Strategy, o.BudgetShare))
            .Select(g =>
            {
                var regrets = g.Select(o => o.RegretPoints ?? worstRegret).Order().ToArray();
                return new Row(g.Key.Strategy, g.Key.BudgetShare, regrets.Length, Quantile(regrets, 0.5), Quantile(regrets, 0.25), Quantile(regrets, 0.75),
                    g.Average(o => o.SpentEpochs), g.Average(o => o.RangeTestEpochs), g.Average(o => o.Trials));
            })
            .OrderBy(r => r.Strategy, StringComparer.Ordinal).ThenBy(r => r.BudgetShare)];

    public static void WriteJson(string path, object header, IReadOnlyList<Row> rows, IReadOnlyList<SweepOutcome> outcomes)
    {
        var document = new { header, summary = rows, sweeps = outcomes };
        File.WriteAllText(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }) + "\n");
    }

    public static void SavePng(string path, IReadOnlyList<Row> rows, int gridTrialEpochs, string title)
    {
        var plot = new Plot();
        plot.Title(title);
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var strategy in rows.GroupBy(r => r.Strategy))
        {
            var color = palette.GetColor(index++);
            var points = strategy.OrderBy(r => r.BudgetShare).ToArray();
            // Log budget axis (5 … 100 %), each strategy nudged sideways a little so equal medians stay visible.
            var xs = points.Select(r => Math.Log10(r.BudgetShare * 100) + ((index - 3) * 0.008)).ToArray();
            var line = plot.Add.ScatterLine(xs, points.Select(r => r.MedianRegret).ToArray(), color);
            line.LegendText = strategy.Key.ToLowerInvariant();
            line.LineWidth = 2;
            line.MarkerSize = 7;
            // The interquartile range as a shaded band around the median.
            var band = plot.Add.FillY(xs, points.Select(r => r.Q25Regret).ToArray(), points.Select(r => r.Q75Regret).ToArray());
            band.FillStyle.Color = color.WithAlpha(0.15);
            band.LineStyle.Width = 0;
        }

        var shares = rows.Select(r => r.BudgetShare * 100).Distinct().Order().ToArray();
        plot.Axes.Bottom.SetTicks([.. shares.Select(Math.Log10)], [.. shares.Select(s => s.ToString("0.#", CultureInfo.InvariantCulture) + " %")]);
        plot.Axes.Bottom.Label.Text = string.Create(CultureInfo.InvariantCulture, $"budget: share of the full grid's {gridTrialEpochs} trial-epochs, range tests included");
        plot.Axes.Left.Label.Text = "regret, points (median; band: IQR)";
        plot.Axes.SetLimitsY(0, Math.Max(1, rows.Max(r => r.Q75Regret) * 1.1));
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1000, 600);
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }
}
