using SuperConvergence.Core.Trials;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Training;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.Training;

public sealed class TrainingRunnerTests
{
    private static readonly TrainingRunner Runner = new(new DatasetStore(Path.GetTempPath()), CPU);

    [Fact]
    public async Task Training_lowers_the_loss_and_beats_chance_on_synthetic_data()
    {
        var plan = TrainingFixtures.SyntheticPlan(TestSchedules.Constant(0.05));

        var outcome = await Runner.RunAsync(plan, null, TrainingCallbacks.None, TestContext.Current.CancellationToken);

        Assert.Equal(TrialEnd.Completed, outcome.Status);
        Assert.Equal([1, 2, 3], outcome.Epochs.Select(e => e.Epoch));
        Assert.True(outcome.Epochs[2].TrainLoss < 0.5 * outcome.Epochs[0].TrainLoss, $"train loss {outcome.Epochs[0].TrainLoss} -> {outcome.Epochs[2].TrainLoss}");
        Assert.True(outcome.Last!.TestAccuracy > 0.8, $"test accuracy {outcome.Last.TestAccuracy} (chance is 0.25)");
        Assert.All(outcome.Epochs, e => Assert.True(e.ImagesPerSecond > 0));
    }

    [Fact]
    public async Task An_absurd_learning_rate_ends_the_run_as_diverged_not_as_an_exception()
    {
        var plan = TrainingFixtures.SyntheticPlan(TestSchedules.Constant(1e8), model: "mlp");
        var iterations = new IterationLog();

        var outcome = await Runner.RunAsync(plan, null, iterations, TestContext.Current.CancellationToken);

        Assert.Equal(TrialEnd.Diverged, outcome.Status);
        Assert.False(double.IsFinite(iterations.Losses[^1]));
        Assert.True(iterations.Losses.Count < 3 * 8, "the run stopped at the first non-finite loss, not after all steps");
    }

    [Fact]
    public async Task Every_iteration_reports_its_step_settings_and_loss_and_every_epoch_its_metrics()
    {
        var plan = TrainingFixtures.SyntheticPlan(TestSchedules.Constant(0.02, momentum: 0.8), epochs: 2);
        var log = new IterationLog();

        var outcome = await Runner.RunAsync(plan, null, log, TestContext.Current.CancellationToken);

        // 512 images in batches of 64: 8 steps per epoch.
        Assert.Equal(Enumerable.Range(0, 16), log.Steps);
        Assert.All(log.Settings, s => Assert.Equal((0.02, 0.8), s));
        Assert.Equal(outcome.Epochs, log.Epochs);
        Assert.Equal(log.Losses.Take(8).Average(), outcome.Epochs[0].TrainLoss, 1e-6);
    }

    [Fact]
    public async Task The_same_seed_twice_gives_identical_metrics_and_another_seed_different_ones()
    {
        var plan = TrainingFixtures.SyntheticPlan(TestSchedules.OneCycle(0.2), epochs: 2);

        var first = await Runner.RunAsync(plan, null, TrainingCallbacks.None, TestContext.Current.CancellationToken);
        var second = await Runner.RunAsync(plan, null, TrainingCallbacks.None, TestContext.Current.CancellationToken);
        var otherSeed = await Runner.RunAsync(plan with { Seed = 2 }, null, TrainingCallbacks.None, TestContext.Current.CancellationToken);

        // Throughput is measured time, the one field a repeat may change.
        Assert.Equal(WithoutThroughput(first), WithoutThroughput(second));
        Assert.NotEqual(WithoutThroughput(first), WithoutThroughput(otherSeed));
    }

    [Fact]
    public async Task A_carved_validation_split_is_evaluated_every_epoch_beside_the_test_set()
    {
        var plain = TrainingFixtures.SyntheticPlan(TestSchedules.Constant(0.05), epochs: 2);
        var withValidation = plain with { Data = new DataSelection(ValidationCount: 128) };

        var without = await Runner.RunAsync(plain, null, TrainingCallbacks.None, TestContext.Current.CancellationToken);
        var with = await Runner.RunAsync(withValidation, null, TrainingCallbacks.None, TestContext.Current.CancellationToken);

        Assert.All(without.Epochs, e => Assert.Equal((null, null), (e.ValidationLoss, e.ValidationAccuracy)));
        Assert.Equal(2, with.Epochs.Count);
        Assert.All(with.Epochs, e =>
        {
            Assert.True(e.ValidationLoss > 0, $"validation loss {e.ValidationLoss}");
            Assert.InRange(e.ValidationAccuracy!.Value, 0, 1);
            Assert.NotEqual(e.TestLoss, e.ValidationLoss!.Value);
        });
        Assert.True(with.Last!.ValidationAccuracy > 0.8, $"validation accuracy {with.Last.ValidationAccuracy} (chance is 0.25)");
    }

    [Fact]
    public async Task Cancellation_stops_the_run_between_steps()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var plan = TrainingFixtures.SyntheticPlan(TestSchedules.Constant(0.05));
        var log = new IterationLog(afterStep: step => { if (step == 2) { cancellation.Cancel(); } });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner.RunAsync(plan, null, log, cancellation.Token));

        Assert.Equal([0, 1, 2], log.Steps);
    }

    [Fact]
    public async Task Training_runs_off_the_calling_thread()
    {
        var caller = Environment.CurrentManagedThreadId;
        var plan = TrainingFixtures.SyntheticPlan(TestSchedules.Constant(0.05), epochs: 1);
        var log = new IterationLog();

        await Runner.RunAsync(plan, null, log, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(caller, log.Threads);
    }

    private static EpochMetrics[] WithoutThroughput(TrainingOutcome outcome) => [.. outcome.Epochs.Select(e => e with { ImagesPerSecond = 0 })];

    /// <summary>Records what the callbacks saw.</summary>
    internal sealed class IterationLog(Action<int>? afterStep = null) : TrainingCallbacks
    {
        public List<int> Steps { get; } = [];

        public List<double> Losses { get; } = [];

        public List<(double, double)> Settings { get; } = [];

        public HashSet<int> Threads { get; } = [];

        public List<EpochMetrics> Epochs { get; } = [];

        public override void OnIteration(in IterationMetrics metrics)
        {
            Steps.Add(metrics.Step);
            Losses.Add(metrics.Loss);
            Settings.Add((metrics.LearningRate, metrics.Momentum));
            Threads.Add(Environment.CurrentManagedThreadId);
            afterStep?.Invoke(metrics.Step);
        }

        public override ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint? checkpoint, CancellationToken cancellationToken)
        {
            Epochs.Add(metrics);
            return ValueTask.CompletedTask;
        }
    }
}
