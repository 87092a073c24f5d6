using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Cli.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Cli.Tests.Sweeps;

/// <summary>The live view off a terminal: plain lines, fed by scripted answers instead of a cluster.</summary>
public sealed class SweepLiveViewTests
{
    private static SweepStatus Status(SweepState state, int completed) => new(
        "s", "demo", state, 2, new LrRange(0.1, 2.5), "narrowing", 10,
        new Dictionary<string, int> { ["completed"] = completed, ["running"] = 10 - completed }, 0, [], completed, null, null, []);

    private static readonly BestTrial Best = new("s-000003", 0.8, 0.032, 5e-4, 256, 3, 0.9125, 3);

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
