using SuperConvergence.Core.Trials;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Checkpoints;
using SuperConvergence.Training.Runtime;

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
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Checkpoints_and_the_folders_made_for_them_are_for_their_owner_only()
    {
        using var directory = TemporaryDirectory.Create();
        var checkpoints = new CheckpointDirectory(Path.Combine(directory.Path, "runs", "run"));

        var file = checkpoints.Save(new TrainingCheckpoint(1, [1]), new EpochMetrics(1, 1, 1, 0.5, 0.1, 10));

        Assert.Equal(OwnerOnlyFiles.FolderMode, File.GetUnixFileMode(checkpoints.Path));
        Assert.Equal(OwnerOnlyFiles.FolderMode, File.GetUnixFileMode(Path.Combine(directory.Path, "runs")));
        Assert.All(Directory.GetFiles(checkpoints.Path), f => Assert.Equal(OwnerOnlyFiles.FileMode, File.GetUnixFileMode(f)));
        Assert.Equal(2, Directory.GetFiles(checkpoints.Path).Length);
        Assert.True(File.Exists(file));
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
