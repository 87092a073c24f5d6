using SkiaSharp;
using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Cli.Reports;
using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Reports;

public sealed class SweepReportTests
{
    [Fact]
    public void The_report_writes_decodable_pngs_and_a_markdown_page_embedding_them()
    {
        using var directory = new TemporaryDirectory("sc-report");

        var files = SweepReport.Write(Sample(), directory.Path);

        var pngs = files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, pngs.Count);
        foreach (var png in pngs)
        {
            Assert.True(new FileInfo(png).Length > 1000, $"{png} is nearly empty");
            using var bitmap = SKBitmap.Decode(png);
            Assert.NotNull(bitmap);
            Assert.Equal(ReportPlots.Width, bitmap.Width);
            Assert.Equal(ReportPlots.Height, bitmap.Height);
        }

        var markdown = File.ReadAllText(Path.Combine(directory.Path, "report.md"));
        foreach (var png in pngs)
        {
            Assert.Contains($"]({Path.GetFileName(png)})", markdown);
        }

        Assert.True(markdown.IndexOf("](range-tests.png)", StringComparison.Ordinal) < markdown.IndexOf("## Best configurations", StringComparison.Ordinal));
        Assert.Contains("| 1 | s-000003 |", markdown);
    }

    [Fact]
    public void Every_plot_draws_data_not_a_blank_canvas()
    {
        using var withData = new TemporaryDirectory("sc-report");
        using var withoutData = new TemporaryDirectory("sc-report-empty");
        var sample = Sample();
        var empty = sample with { Status = sample.Status with { History = [] }, Trials = [], RangeTests = [], Best = [], BestHistories = [] };

        var drawn = SweepReport.Write(sample, withData.Path).Where(f => f.EndsWith(".png", StringComparison.Ordinal)).ToList();
        SweepReport.Write(empty, withoutData.Path);

        foreach (var png in drawn)
        {
            var (ink, coloured) = Ink(png);
            var (_, colouredWithoutData) = Ink(Path.Combine(withoutData.Path, Path.GetFileName(png)));
            Assert.True(ink > ReportPlots.Width * ReportPlots.Height / 100, $"{Path.GetFileName(png)}: only {ink} pixels differ from the background");
            // Axes, grid, ticks and text are grey or black; the data are drawn in colour.
            Assert.True(coloured > 100 && coloured > 10 * (colouredWithoutData + 1), $"{Path.GetFileName(png)}: {coloured} coloured pixels with data, {colouredWithoutData} without");
        }
    }

    [Fact]
    public void The_range_test_plot_marks_the_chosen_bounds_dashed_and_the_suggested_pair_dotted()
    {
        var sample = Sample();
        var expected = RangeTestAnalysis.Analyze(sample.RangeTests[0].Curve!).Recommended;

        var lines = ReportPlots.RangeTests(sample).GetPlottables().OfType<ScottPlot.Plottables.VerticalLine>().ToList();

        var chosen = lines.Where(l => l.LinePattern.Equals(ScottPlot.LinePattern.Dashed)).Select(l => l.X).Order().ToList();
        var suggested = lines.Where(l => l.LinePattern.Equals(ScottPlot.LinePattern.Dotted)).ToList();
        Assert.Equal([Math.Log10(0.1), Math.Log10(3.0)], chosen);
        Assert.Equal([Math.Log10(expected.MinLr), Math.Log10(expected.MaxLr)], suggested.Select(l => l.X).Order().ToList());
        Assert.StartsWith("suggested 1cycle pair", Assert.Single(suggested, l => l.LegendText.Length > 0).LegendText);
        Assert.StartsWith("chosen bounds", Assert.Single(lines, l => l.LegendText.StartsWith("chosen", StringComparison.Ordinal)).LegendText);
        Assert.NotEqual(suggested[0].Color, lines.First(l => l.LinePattern.Equals(ScottPlot.LinePattern.Dashed)).Color);
    }

    [Fact]
    public void The_caption_names_both_kinds_of_bounds()
    {
        using var directory = new TemporaryDirectory("sc-report");

        SweepReport.Write(Sample(), directory.Path);

        var markdown = File.ReadAllText(Path.Combine(directory.Path, "report.md"));
        Assert.Contains("dashed lines mark the bounds the sweep chose", markdown);
        Assert.Contains("dotted lines the 1cycle pair Core's range-test analysis suggests", markdown);
    }

    [Fact]
    public void The_report_lists_each_range_tests_reading_and_its_hessian_free_estimate()
    {
        using var directory = new TemporaryDirectory("sc-report");
        var sample = Sample();
        var estimate = new HessianFreeEstimate(0.27, [], 100, 0, 20, false, []);
        sample = sample with
        {
            RangeTests = [sample.RangeTests[0] with { Hessian = estimate }],
            Status = sample.Status with { BoundsSource = "range tests" },
        };
        var reading = RangeTestAnalysis.Analyze(sample.RangeTests[0].Curve!);

        SweepReport.Write(sample, directory.Path);

        var markdown = File.ReadAllText(Path.Combine(directory.Path, "report.md"));
        Assert.Contains("The first round's bounds came from: range tests.", markdown);
        Assert.Contains($"| s-000001 | bs=256,wd=5e-4 |", markdown);
        Assert.Contains($"| {SuperConvergence.Cli.Sweeps.SweepTables.Lr(reading.Recommended.MaxLr)} |", markdown);
        Assert.EndsWith("| 0.27 |", markdown.Split('\n').Single(line => line.StartsWith("| s-000001 |", StringComparison.Ordinal)).TrimEnd());
        var marker = Assert.Single(ReportPlots.RangeTests(sample).GetPlottables().OfType<ScottPlot.Plottables.VerticalLine>(), l => l.LegendText.StartsWith("Hessian-free", StringComparison.Ordinal));
        Assert.Equal(Math.Log10(0.27), marker.X, 12);
    }

    /// <summary>How many pixels differ from the background (the top-left corner's colour), and how many of them are coloured, not grey.</summary>
    private static (int Ink, int Coloured) Ink(string png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var background = bitmap.GetPixel(0, 0);
        var (ink, coloured) = (0, 0);
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                if (pixel == background)
                {
                    continue;
                }

                ink++;
                var (high, low) = (Math.Max(pixel.Red, Math.Max(pixel.Green, pixel.Blue)), Math.Min(pixel.Red, Math.Min(pixel.Green, pixel.Blue)));
                if (high - low > 60)
                {
                    coloured++;
                }
            }
        }

        return (ink, coloured);
    }

    private static SweepReportData Sample()
    {
        TrialConfig Config(double lr, double wd) => new("fashion-mnist", "resnet-small", lr, 25, 1e4, wd, 256, 3, 0.85, 0.95, 1);
        var rangeTest = new RangeTestConfig("fashion-mnist", "resnet-small", 1e-4, 10, 50, RangeTestRamp.Exponential, 5e-4, 256, 0.9, 1, 10);
        var curve = Enumerable.Range(0, 50).Select(i =>
        {
            var lr = 1e-4 * Math.Pow(1e5, i / 49.0);
            return new RangeTestPoint(lr, 2.3 - Math.Min(1.8, i * 0.05) + (i > 44 ? (i - 44) * 0.8 : 0), i % 10 == 0 ? Math.Min(0.9, i / 40.0) : null);
        }).ToList();
        var rt = new TrialView("s-000001", new TrialDefinition("s", new RangeTestProposal(rangeTest, "bs=256,wd=5e-4"), TrainerKind.Simulated, 0),
            TrialState.Completed, 1, null, "w/0", [], null, curve, null, null, null);
        var trials = new List<TrialSummary> { new("s-000001", rt.Definition!.Proposal, TrialState.Completed, 1, null, "w/0", null, 0) };
        var best = new List<BestTrial>();
        var histories = new List<TrialView>();
        var n = 2;
        foreach (var (lr, wd, acc) in new[] { (0.3, 5e-4, 0.88), (1.0, 1e-4, 0.91), (2.0, 1e-4, 0.9), (0.5, 5e-4, 0.89) })
        {
            var id = $"s-{n++:D6}";
            var proposal = new TrainingProposal(Config(lr, wd), 1, $"bs=256,wd={wd}");
            trials.Add(new TrialSummary(id, proposal, TrialState.Completed, 1, null, "w/0", acc, 3));
            best.Add(new BestTrial(id, lr, lr / 25, wd, 256, 3, acc, 3));
            histories.Add(new TrialView(id, new TrialDefinition("s", proposal, TrainerKind.Simulated, 0), TrialState.Completed, 1, null, "w/0",
                [new EpochMetrics(1, 1, 1, acc - 0.1, lr, 100), new EpochMetrics(2, 0.6, 0.6, acc - 0.04, lr / 2, 100), new EpochMetrics(3, 0.4, 0.4, acc, lr / 1e5, 100)],
                acc, null, null, null, null));
        }

        best = [.. best.OrderByDescending(b => b.Accuracy)];
        var status = new SweepStatus("s", "report-test", SweepState.Completed, 2, new LrRange(0.5, 2.0), "done", trials.Count,
            new Dictionary<TrialState, int> { [TrialState.Completed] = trials.Count }, 0, [], 12, null, null,
            [new RoundBounds(1, new LrRange(0.1, 3.0), 0.9), new RoundBounds(2, new LrRange(0.5, 2.0), 0.91)]);
        return new SweepReportData(status, trials, [rt], best, histories);
    }
}
