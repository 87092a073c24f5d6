using SuperConvergence.Core.Trials;
using SuperConvergence.Training.Checkpoints;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Tests.Training;
using SuperConvergence.Training.Training;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.Checkpoints;

/// <summary>Checkpoints carry a checksum of their content; checkpoints written before it existed still resume.</summary>
public sealed class CheckpointIntegrityTests
{
    /// <summary>
    /// Written by commit bf89adb (format version 1, no checksum) at the end of epoch 1 of <see cref="FixturePlan"/>;
    /// that run's epoch 2 had train loss 0.7186, test loss 0.5310, test accuracy 0.8789.
    /// </summary>
    private static readonly string VersionOneFixture = Path.Combine(AppContext.BaseDirectory, "Checkpoints", "Fixtures", "v1-synthetic-resnet-small-epoch-1.sccheckpoint");

    private static TrainingPlan FixturePlan => TrainingFixtures.SyntheticPlan(TestSchedules.Constant(0.05), epochs: 2) with { WidthMultiplier = 0.25 };

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public async Task A_checkpoint_with_flipped_weight_bytes_is_refused_as_corrupt_checksum_mismatch(double at)
    {
        // Flipped exponent bits in the weights loaded without a word; the run then diverged and blamed the LR.
        var runner = new TrainingRunner(new DatasetStore(Path.GetTempPath()), CPU);
        var plan = TrainingFixtures.SyntheticPlan(TestSchedules.Constant(0.05), epochs: 2);
        var collector = new CheckpointCollector();
        await runner.RunAsync(plan, null, collector, TestContext.Current.CancellationToken);
        var bytes = collector.Checkpoints[0].State.ToArray();
        var start = (int)(bytes.Length * at);
        for (var i = start; i < start + 16; i++)
        {
            bytes[i] ^= 0x7F;
        }

        var error = await Assert.ThrowsAsync<CheckpointMismatchException>(() =>
            runner.RunAsync(plan, bytes, TrainingCallbacks.None, TestContext.Current.CancellationToken));

        Assert.StartsWith("checkpoint is corrupt (checksum mismatch)", error.Message);
    }

    [Fact]
    public async Task A_flipped_byte_in_the_optimiser_state_is_a_checksum_mismatch_too()
    {
        var runner = new TrainingRunner(new DatasetStore(Path.GetTempPath()), CPU);
        var plan = TrainingFixtures.SyntheticPlan(TestSchedules.Constant(0.05), epochs: 1);
        var collector = new CheckpointCollector();
        await runner.RunAsync(plan, null, collector, TestContext.Current.CancellationToken);
        var bytes = collector.Checkpoints[0].State.ToArray();
        bytes[^5] ^= 0x01;

        var error = await Assert.ThrowsAsync<CheckpointMismatchException>(() =>
            runner.RunAsync(plan, bytes, TrainingCallbacks.None, TestContext.Current.CancellationToken));

        Assert.StartsWith("checkpoint is corrupt (checksum mismatch)", error.Message);
    }

    [Fact]
    public async Task A_checkpoint_written_in_format_version_1_still_resumes()
    {
        var runner = new TrainingRunner(new DatasetStore(Path.GetTempPath()), CPU);
        var bytes = File.ReadAllBytes(VersionOneFixture);
        Assert.Equal(1, BitConverter.ToInt32(bytes, 4));

        var resumed = await runner.RunAsync(FixturePlan, bytes, TrainingCallbacks.None, TestContext.Current.CancellationToken);

        Assert.Equal(TrialEnd.Completed, resumed.Status);
        var epoch = Assert.Single(resumed.Epochs);
        Assert.Equal(2, epoch.Epoch);
        // The recorded run's epoch 2, within what another CPU's kernels may change.
        Assert.Equal(0.7186, epoch.TrainLoss, 0.01);
        Assert.Equal(0.5310, epoch.TestLoss, 0.01);
    }

    [Fact]
    public async Task Checkpoints_are_now_written_in_format_version_2_and_resume_exactly()
    {
        var runner = new TrainingRunner(new DatasetStore(Path.GetTempPath()), CPU);
        var collector = new CheckpointCollector();
        var full = await runner.RunAsync(FixturePlan, null, collector, TestContext.Current.CancellationToken);
        var bytes = collector.Checkpoints[0].State;

        var resumed = await runner.RunAsync(FixturePlan, bytes, TrainingCallbacks.None, TestContext.Current.CancellationToken);

        Assert.Equal(2, BitConverter.ToInt32(bytes, 4));
        Assert.Equal(full.Epochs[1].TrainLoss, Assert.Single(resumed.Epochs).TrainLoss, 1e-9);
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
