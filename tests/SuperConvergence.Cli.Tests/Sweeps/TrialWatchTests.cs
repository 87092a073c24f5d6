using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Cli.Sweeps;
using SuperConvergence.Core.Schedules;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Cli.Tests.Sweeps;

/// <summary>`sc trial watch`'s lines against a scripted sequence of what the trial grain answers.</summary>
public sealed class TrialWatchTests
{
    private static readonly TrialConfig Config = new("synthetic", "mlp", 0.8, 25, 1e4, 5e-4, 128, 4, 0.85, 0.95, 1);

    [Fact]
    public async Task Each_recorded_epoch_is_one_line_once_with_its_planned_lr_and_momentum_and_the_end_is_the_last()
    {
        // The grain records epochs in groups (epoch 2 and 3 arrive together) and says the same thing twice.
        var views = new Queue<TrialView>([
            View(TrialState.Pending, []),
            View(TrialState.Running, [Epoch(1)]),
            View(TrialState.Running, [Epoch(1)]),
            View(TrialState.Running, [Epoch(1), Epoch(2), Epoch(3)]),
            View(TrialState.Completed, [Epoch(1), Epoch(2), Epoch(3), Epoch(4)], accuracy: 0.9123),
        ]);
        using var output = new StringWriter();

        var final = await new TrialWatch(output, TimeSpan.Zero, TimeProvider.System).FollowAsync(() => Task.FromResult(views.Dequeue()), TestContext.Current.CancellationToken);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(TrialState.Completed, final.State);
        Assert.Empty(views);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("trial s-000001 (pending, attempt 1): training mlp on synthetic: max LR 0.8", lines[0]);
        Assert.Equal([1, 2, 3, 4], lines[1..5].Select(l => int.Parse(l.Split(' ')[1].Split('/')[0], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(lines[1..5], l => Assert.Contains("/4  LR ", l));
        var plan = new CyclePlan(Config).AtEndOf(2);
        Assert.Contains($"(planned {plan.LearningRate.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}), momentum {plan.Momentum.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}", lines[2]);
        Assert.Contains("accuracy 52.00%", lines[2]);
        Assert.Equal("completed: accuracy 91.23%", lines[5]);
    }

    [Fact]
    public async Task A_range_test_s_progress_is_a_line_per_new_report_until_it_ends()
    {
        var views = new Queue<TrialView>([
            RangeTest(TrialState.Running, new RangeTestProgress(20, 100, 1e-4, 2.3)),
            RangeTest(TrialState.Running, new RangeTestProgress(20, 100, 1e-4, 2.3)),
            RangeTest(TrialState.Running, new RangeTestProgress(60, 100, 1e-2, 1.1)),
            RangeTest(TrialState.Failed, new RangeTestProgress(60, 100, 1e-2, 1.1), error: "IOException: disk full"),
        ]);
        using var output = new StringWriter();

        await new TrialWatch(output, TimeSpan.Zero, TimeProvider.System).FollowAsync(() => Task.FromResult(views.Dequeue()), TestContext.Current.CancellationToken);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("iteration 20/100  LR 0.0001  loss 2.3000", lines[1]);
        Assert.Equal("iteration 60/100  LR 0.01  loss 1.1000", lines[2]);
        Assert.Equal("failed: IOException: disk full", lines[3]);
    }

    private static EpochMetrics Epoch(int n) => new(n, 1.0 / n, 1.5 / n, 0.5 + (n / 100.0), 0.1 * n, 1000 + n);

    private static TrialView View(TrialState state, IReadOnlyList<EpochMetrics> epochs, double? accuracy = null) =>
        new("s-000001", new TrialDefinition("s", new TrainingProposal(Config, 1, "cell"), TrainerKind.Simulated, 0), state, 1, null, null, epochs, accuracy, null, null, null, null);

    private static TrialView RangeTest(TrialState state, RangeTestProgress progress, string? error = null) =>
        new("s-000002", new TrialDefinition("s", new RangeTestProposal(new RangeTestConfig("synthetic", "mlp", 1e-5, 10, 100, RangeTestRamp.Exponential, 5e-4, 128, 0.9, 1), "cell"), TrainerKind.Simulated, 0), state, 1, null, "w/0", [], null, null, error, null, null, progress);
}
