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

    private static SweepReportData Sample()
    {
        TrialConfig Config(double lr, double wd) => new("fashion-mnist", "resnet-small", lr, 25, 1e4, wd, 256, 3, 0.85, 0.95, 1);
        var rangeTest = new RangeTestConfig("fashion-mnist", "resnet-small", 1e-4, 10, 50, RangeTestRamp.Exponential, 5e-4, 256, 0.9, 1, 10);
        var curve = Enumerable.Range(0, 50).Select(i =>
        {
            var lr = 1e-4 * Math.Pow(1e5, i / 49.0);
            return new RangeTestPoint(lr, 2.3 - Math.Min(1.8, i * 0.05) + (i > 44 ? (i - 44) * 0.8 : 0), i % 10 == 0 ? Math.Min(0.9, i / 40.0) : null);
        }).ToList();
        var rt = new TrialView("s-000001", new TrialDefinition("s", TrialProposal.ForRangeTest(rangeTest, "bs=256,wd=5e-4"), TrainerKind.Simulated, 0),
            TrialState.Completed, 1, null, "w/0", [], null, curve, null, null, null);
        var trials = new List<TrialSummary> { new("s-000001", rt.Definition!.Proposal, TrialState.Completed, 1, null, "w/0", null, 0) };
        var best = new List<BestTrial>();
        var histories = new List<TrialView>();
        var n = 2;
        foreach (var (lr, wd, acc) in new[] { (0.3, 5e-4, 0.88), (1.0, 1e-4, 0.91), (2.0, 1e-4, 0.9), (0.5, 5e-4, 0.89) })
        {
            var id = $"s-{n++:D6}";
            var proposal = TrialProposal.ForTraining(Config(lr, wd), 1, $"bs=256,wd={wd}");
            trials.Add(new TrialSummary(id, proposal, TrialState.Completed, 1, null, "w/0", acc, 3));
            best.Add(new BestTrial(id, lr, lr / 25, wd, 256, 3, acc, 3));
            histories.Add(new TrialView(id, new TrialDefinition("s", proposal, TrainerKind.Simulated, 0), TrialState.Completed, 1, null, "w/0",
                [new EpochMetrics(1, 1, 1, acc - 0.1, lr, 100), new EpochMetrics(2, 0.6, 0.6, acc - 0.04, lr / 2, 100), new EpochMetrics(3, 0.4, 0.4, acc, lr / 1e5, 100)],
                acc, null, null, null, null));
        }

        best = [.. best.OrderByDescending(b => b.Accuracy)];
        var status = new SweepStatus("s", "report-test", SweepState.Completed, 2, new LrRange(0.5, 2.0), "done", trials.Count,
            new Dictionary<string, int> { ["completed"] = trials.Count }, 0, [], 12, null, null,
            [new RoundBounds(1, new LrRange(0.1, 3.0), 0.9), new RoundBounds(2, new LrRange(0.5, 2.0), 0.91)]);
        return new SweepReportData(status, trials, [rt], best, histories);
    }
}
