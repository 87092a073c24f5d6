using SuperConvergence.Core.Trials;
using SuperConvergence.Training.Checkpoints;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Tests.Training;
using SuperConvergence.Training.Training;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.Checkpoints;

public sealed class CheckpointResumeTests
{
    public static TheoryData<string> Optimizers => ["sgd", "sgd-nesterov", "adamw"];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public async Task Resuming_from_the_end_of_epoch_1_reproduces_the_uninterrupted_run(string optimizer)
    {
        // Miniature CIFAR: the augmentation's random crops and flips must resume at the same generator state too.
        using var cache = TrainingFixtures.MiniatureCifarCache();
        var runner = new TrainingRunner(new DatasetStore(cache.Path), CPU);
        var settings = optimizer switch
        {
            "sgd" => OptimizerSettings.Sgd(5e-4),
            "sgd-nesterov" => OptimizerSettings.Sgd(5e-4, nesterov: true),
            _ => new OptimizerSettings(OptimizerKind.AdamW, 1e-2),
        };
        var learningRate = optimizer == "adamw" ? 2e-3 : 0.05;
        var plan = new TrainingPlan("cifar10", "resnet-small", settings, TestSchedules.Constant(learningRate), Epochs: 3, BatchSize: 32, Seed: 7, WidthMultiplier: 0.25);
        var uninterrupted = new CheckpointCollector();

        var full = await runner.RunAsync(plan, null, uninterrupted, TestContext.Current.CancellationToken);
        var resumed = await runner.RunAsync(plan, uninterrupted.Checkpoints[0].State, TrainingCallbacks.None, TestContext.Current.CancellationToken);

        Assert.Equal(TrialEnd.Completed, resumed.Status);
        Assert.Equal([2, 3], resumed.Epochs.Select(e => e.Epoch));
        foreach (var (original, again) in full.Epochs.Skip(1).Zip(resumed.Epochs))
        {
            Assert.Equal(original.TrainLoss, again.TrainLoss, 1e-5);
            Assert.Equal(original.TestLoss, again.TestLoss, 1e-5);
            Assert.Equal(original.TestAccuracy, again.TestAccuracy, 1e-5);
            Assert.Equal(original.LearningRate, again.LearningRate, 1e-12);
        }
    }

    [Fact]
    public async Task A_checkpoint_from_the_last_epoch_resumes_to_an_empty_completed_run()
    {
        var runner = new TrainingRunner(new DatasetStore(Path.GetTempPath()), CPU);
        var plan = TrainingFixtures.SyntheticPlan(TestSchedules.Constant(0.05), epochs: 1);
        var collector = new CheckpointCollector();
        await runner.RunAsync(plan, null, collector, TestContext.Current.CancellationToken);

        var resumed = await runner.RunAsync(plan, collector.Checkpoints[^1].State, TrainingCallbacks.None, TestContext.Current.CancellationToken);

        Assert.Equal(TrialEnd.Completed, resumed.Status);
        Assert.Empty(resumed.Epochs);
    }

    [Fact]
    public async Task A_checkpoint_from_a_run_with_another_plan_is_refused_naming_what_differs()
    {
        var runner = new TrainingRunner(new DatasetStore(Path.GetTempPath()), CPU);
        var collector = new CheckpointCollector();
        await runner.RunAsync(TrainingFixtures.SyntheticPlan(TestSchedules.Constant(0.05), epochs: 1, seed: 1), null, collector, TestContext.Current.CancellationToken);
        var other = TrainingFixtures.SyntheticPlan(TestSchedules.Constant(0.05), epochs: 1, seed: 2);

        var error = await Assert.ThrowsAsync<CheckpointMismatchException>(() =>
            runner.RunAsync(other, collector.Checkpoints[0].State, TrainingCallbacks.None, TestContext.Current.CancellationToken));

        Assert.Contains("seed: run has '2', checkpoint has '1'", error.Message);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.99)]
    public async Task A_truncated_checkpoint_is_refused_as_truncated_or_corrupt(double keptFraction)
    {
        var runner = new TrainingRunner(new DatasetStore(Path.GetTempPath()), CPU);
        var plan = TrainingFixtures.SyntheticPlan(TestSchedules.Constant(0.05), epochs: 2);
        var collector = new CheckpointCollector();
        await runner.RunAsync(plan, null, collector, TestContext.Current.CancellationToken);
        var bytes = collector.Checkpoints[0].State;

        var error = await Assert.ThrowsAsync<CheckpointMismatchException>(() =>
            runner.RunAsync(plan, bytes[..(int)(bytes.Length * keptFraction)], TrainingCallbacks.None, TestContext.Current.CancellationToken));

        Assert.Matches("truncated|corrupt", error.Message);
    }

    [Fact]
    public async Task Bytes_that_are_not_a_checkpoint_are_refused()
    {
        var runner = new TrainingRunner(new DatasetStore(Path.GetTempPath()), CPU);
        var plan = TrainingFixtures.SyntheticPlan(TestSchedules.Constant(0.05), epochs: 1);

        var error = await Assert.ThrowsAsync<CheckpointMismatchException>(() =>
            runner.RunAsync(plan, "not a checkpoint at all"u8.ToArray(), TrainingCallbacks.None, TestContext.Current.CancellationToken));

        Assert.Contains("not a SuperConvergence training checkpoint", error.Message);
    }

    private sealed class CheckpointCollector : TrainingCallbacks
    {
        public List<TrainingCheckpoint> Checkpoints { get; } = [];

        public override bool WantsCheckpoints => true;

        public override ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint? checkpoint, CancellationToken cancellationToken)
        {
            Checkpoints.Add(checkpoint!);
            return ValueTask.CompletedTask;
        }
    }
}
