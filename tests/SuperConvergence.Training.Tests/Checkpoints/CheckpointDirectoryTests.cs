using SuperConvergence.Core.Trials;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Checkpoints;

namespace SuperConvergence.Training.Tests.Checkpoints;

public sealed class CheckpointDirectoryTests
{
    [Fact]
    public void The_latest_checkpoint_is_the_highest_epoch_whatever_the_order_of_writing()
    {
        using var directory = TemporaryDirectory.Create();
        var checkpoints = new CheckpointDirectory(Path.Combine(directory.Path, "run"));
        checkpoints.Save(new TrainingCheckpoint(1, [1]));
        checkpoints.Save(new TrainingCheckpoint(12, [12]));
        checkpoints.Save(new TrainingCheckpoint(3, [3]));
        File.WriteAllText(Path.Combine(checkpoints.Path, "epoch-notes.sccheckpoint"), "stray");

        var latest = checkpoints.Latest();

        Assert.Equal(12, latest!.Epoch);
        Assert.Equal(new byte[] { 12 }, latest.State);
        Assert.DoesNotContain(Directory.GetFiles(checkpoints.Path), f => f.EndsWith(".partial", StringComparison.Ordinal));
    }

    [Fact]
    public void Metrics_saved_with_a_checkpoint_are_read_back_and_a_checkpoint_without_them_has_none()
    {
        using var directory = TemporaryDirectory.Create();
        var checkpoints = new CheckpointDirectory(directory.Path);
        var metrics = new EpochMetrics(2, 0.41, 0.52, 0.875, 0.003, 1234.5, ValidationLoss: 0.55, ValidationAccuracy: 0.86);
        checkpoints.Save(new TrainingCheckpoint(1, [1]));
        checkpoints.Save(new TrainingCheckpoint(2, [2]), metrics);

        Assert.Equal(metrics, checkpoints.MetricsOf(2));
        Assert.Null(checkpoints.MetricsOf(1));
        Assert.Equal(2, checkpoints.Latest()!.Epoch);
    }

    [Fact]
    public void A_missing_or_empty_directory_has_no_latest_checkpoint()
    {
        using var directory = TemporaryDirectory.Create();

        Assert.Null(new CheckpointDirectory(Path.Combine(directory.Path, "absent")).Latest());
        Assert.Null(new CheckpointDirectory(directory.Path).Latest());
    }
}
