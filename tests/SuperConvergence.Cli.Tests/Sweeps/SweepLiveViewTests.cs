using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Cli.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Cli.Tests.Sweeps;

/// <summary>The live view off a terminal: plain lines, fed by scripted answers instead of a cluster.</summary>
public sealed class SweepLiveViewTests
{
    private static SweepStatus Status(SweepState state, int completed) => new(
        "s", "demo", state, 2, new LrRange(0.1, 2.5), "narrowing", 10,
        new Dictionary<TrialState, int> { [TrialState.Completed] = completed, [TrialState.Running] = 10 - completed }, 0, [], completed, null, null, []);

    private static readonly BestTrial Best = new("s-000003", 0.8, 0.032, 5e-4, 256, 3, 0.9125, 3);

    private const string LongSweepId = "simulated-slow-epochs-20261123-001458-572d";

    private static readonly TrialConfig Config = new("fashion-mnist", "resnet-small", 0.8, 25, 1e4, 5e-4, 256, 3, 0.85, 0.95, 1);

    private static TrialSummary Training(string trialId, TrialState state, EpochMetrics? latest) =>
        new(trialId, new TrainingProposal(Config, 1, "bs=256,wd=5e-4"), state, 1, null, "embedded/0", null, latest?.Epoch ?? 0, latest);

    private static TrialSummary RangeTest(string trialId, RangeTestProgress? progress = null) => new(
        trialId,
        new RangeTestProposal(new RangeTestConfig("fashion-mnist", "resnet-small", 1e-4, 10, 100, RangeTestRamp.Exponential, 5e-4, 256, 0.9, 1), "bs=256,wd=5e-4"),
        TrialState.Running, 1, null, "embedded/1", null, 0, null, progress);

    private static EpochMetrics Epoch(int epoch, double trainLoss, double testLoss, double accuracy) => new(epoch, trainLoss, testLoss, accuracy, 0.4, 1000);

    [Fact]
    public void The_active_table_shows_each_running_trials_latest_losses_and_accuracy_within_140_columns()
    {
        var output = new StringWriter();
        var ansi = SweepTables.ConsoleFor(new CliConsole(output, TextWriter.Null, IsTerminal: false));
        ansi.Profile.Width = 140;
        var status = Status(SweepState.Running, 4) with { SweepId = LongSweepId };
        IReadOnlyList<TrialSummary> active =
        [
            Training($"{LongSweepId}-000005", TrialState.Running, Epoch(2, 0.4123, 0.4551, 0.831)),
            RangeTest($"{LongSweepId}-000006", new RangeTestProgress(40, 100, 0.03981, 1.2345, 0.41)),
            Training($"{LongSweepId}-000007", TrialState.Pending, null),
            RangeTest($"{LongSweepId}-000008"),
        ];

        ansi.Write(SweepLiveView.Render(status, active, [Best]));

        var lines = output.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= 140, $"{l.Length} columns: {l}"));
        var header = Assert.Single(lines, l => l.Contains("trial") && l.Contains("kind"));
        Assert.Equal(
            ["trial", "kind", "state", "worker", "max LR", "wd", "batch", "epochs", "train loss", "test loss", "test acc", "attempts"],
            Cells(header));
        Assert.Equal(
            ["…-000005", "train", "running", "embedded/0", "0.8", "0.0005", "256", "███████░░░ 2/3", "0.4123", "0.4551", "83.10%", "1"],
            Cells(Assert.Single(lines, l => l.Contains("…-000005"))));
        Assert.Equal(
            ["…-000006", "range-test", "running", "embedded/1", "0.03981", "0.0005", "256", "██░░ 40/100 it", "1.234", "-", "-", "1"],
            Cells(Assert.Single(lines, l => l.Contains("…-000006"))));
        Assert.Equal(
            ["…-000008", "range-test", "running", "embedded/1", "-", "0.0005", "256", "░░░░ 0/100 it", "-", "-", "-", "1"],
            Cells(Assert.Single(lines, l => l.Contains("…-000008"))));
        Assert.Equal(
            ["…-000007", "train", "pending", "embedded/0", "0.8", "0.0005", "256", "░░░░░░░░░░ 0/3", "-", "-", "-", "1"],
            Cells(Assert.Single(lines, l => l.Contains("…-000007"))));
        Assert.DoesNotContain(lines, l => l.Contains(LongSweepId + "-000005"));
    }

    [Fact]
    public void Trial_ids_stay_whole_when_some_trial_is_not_named_after_the_sweep()
    {
        var output = new StringWriter();
        var ansi = SweepTables.ConsoleFor(new CliConsole(output, TextWriter.Null, IsTerminal: false));

        ansi.Write(SweepLiveView.Render(Status(SweepState.Running, 4), [Training("s-000001", TrialState.Running, null), Training("other-000002", TrialState.Running, null)], []));

        Assert.Contains("│ s-000001 ", output.ToString());
        Assert.Contains("│ other-000002 ", output.ToString());
    }

    [Fact]
    public async Task Following_off_a_terminal_prints_a_trials_line_when_its_latest_epoch_changes()
    {
        var trialLines = await TrialLinesWhileFollowingAsync(
        [
            [Training("s-000005", TrialState.Running, Epoch(1, 0.9, 0.8, 0.62)), Training("s-000006", TrialState.Running, null)],
            [Training("s-000005", TrialState.Running, Epoch(1, 0.9, 0.8, 0.62)), Training("s-000006", TrialState.Running, null)],
            [Training("s-000005", TrialState.Running, Epoch(2, 0.45, 0.5, 0.8125)), Training("s-000006", TrialState.Running, null)],
        ]);

        Assert.Equal(2, trialLines.Count);
        Assert.EndsWith("] trial s-000005 running epoch=1/3 train-loss=0.9 test-loss=0.8 test-accuracy=62.00%", trialLines[0]);
        Assert.EndsWith("] trial s-000005 running epoch=2/3 train-loss=0.45 test-loss=0.5 test-accuracy=81.25%", trialLines[1]);
    }

    [Fact]
    public async Task Following_off_a_terminal_prints_a_range_tests_line_when_its_progress_changes()
    {
        var trialLines = await TrialLinesWhileFollowingAsync(
        [
            [RangeTest("s-000001"), RangeTest("s-000002", new RangeTestProgress(12, 100, 0.0003, 2.25))],
            [RangeTest("s-000001"), RangeTest("s-000002", new RangeTestProgress(12, 100, 0.0003, 2.25))],
            [RangeTest("s-000001", new RangeTestProgress(1, 100, 0.0001, 2.3)), RangeTest("s-000002", new RangeTestProgress(31, 100, 0.0089, 0.9, 0.7125))],
        ]);

        Assert.Equal(3, trialLines.Count);
        Assert.EndsWith("] trial s-000002 running range-test iteration=12/100 lr=0.0003 loss=2.25", trialLines[0]);
        Assert.EndsWith("] trial s-000001 running range-test iteration=1/100 lr=0.0001 loss=2.3", trialLines[1]);
        Assert.EndsWith("] trial s-000002 running range-test iteration=31/100 lr=0.0089 loss=0.9 accuracy=71.25%", trialLines[2]);
    }

    /// <summary>Follows a running sweep off a terminal over these readings of its active trials, then its end; the trial lines printed.</summary>
    private static async Task<List<string>> TrialLinesWhileFollowingAsync(IReadOnlyList<IReadOnlyList<TrialSummary>> readings)
    {
        var output = new StringWriter();
        var statuses = new Queue<SweepStatus>([.. readings.Select(_ => Status(SweepState.Running, 4)), Status(SweepState.Completed, 10)]);
        var actives = new Queue<IReadOnlyList<TrialSummary>>([.. readings, []]);
        var view = new SweepLiveView(new CliConsole(output, TextWriter.Null, IsTerminal: false), TimeSpan.FromMilliseconds(1));

        await view.FollowAsync(
            new SweepLiveView.Queries(_ => Task.FromResult(statuses.Dequeue()), _ => Task.FromResult(actives.Dequeue()), _ => Task.FromResult<IReadOnlyList<BestTrial>>([])),
            TestContext.Current.CancellationToken);

        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("] trial ")).ToList();
    }

    /// <summary>The cells of one rendered table row, trimmed.</summary>
    private static string[] Cells(string row) => row.Split('│', StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim()).Where(c => c.Length > 0).ToArray();

    [Fact]
    public async Task Once_writes_one_line_and_asks_each_question_once()
    {
        var output = new StringWriter();
        var asked = 0;
        var view = new SweepLiveView(new CliConsole(output, TextWriter.Null, IsTerminal: false), TimeSpan.FromSeconds(1));

        var status = await view.ShowOnceAsync(new SweepLiveView.Queries(
            _ => { asked++; return Task.FromResult(Status(SweepState.Running, 4)); },
            _ => { asked++; return Task.FromResult<IReadOnlyList<TrialSummary>>([]); },
            _ => { asked++; return Task.FromResult<IReadOnlyList<BestTrial>>([Best]); }));

        Assert.Equal(SweepState.Running, status.State);
        Assert.Equal(3, asked);
        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("running narrowing round=2", line);
        Assert.Contains("completed=4 running=6", line);
        Assert.Contains("best=91.25%", line.Replace(" %", "%"));
    }

    [Fact]
    public async Task Following_prints_a_line_per_change_and_stops_when_the_sweep_ends()
    {
        var output = new StringWriter();
        var answers = new Queue<SweepStatus>([Status(SweepState.Running, 4), Status(SweepState.Running, 4), Status(SweepState.Running, 7), Status(SweepState.Completed, 10)]);
        var view = new SweepLiveView(new CliConsole(output, TextWriter.Null, IsTerminal: false), TimeSpan.FromMilliseconds(1));

        var last = await view.FollowAsync(
            new SweepLiveView.Queries(
                _ => Task.FromResult(answers.Dequeue()),
                _ => Task.FromResult<IReadOnlyList<TrialSummary>>([]),
                _ => Task.FromResult<IReadOnlyList<BestTrial>>([])),
            TestContext.Current.CancellationToken);

        Assert.Equal(SweepState.Completed, last.State);
        Assert.Empty(answers);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("completed=10", lines[^1]);
    }
}
