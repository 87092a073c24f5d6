using SuperConvergence.Core.Datasets;
using SuperConvergence.Testing.Datasets;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Checkpoints;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Tests.Training;
using SuperConvergence.Training.Training;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.Checkpoints;

/// <summary>A checkpoint trained on a user's dataset resumes only on the same content of that dataset.</summary>
public sealed class DatasetChangeTests
{
    [Fact]
    public void A_changed_dataset_refuses_to_resume_naming_the_dataset_and_both_fingerprints()
    {
        using var folder = new TemporaryDirectory("sc-changed");
        var path = folder.File("blobs.npz");
        TestDatasets.WriteBlobsNpz(path, count: 60, features: 4, classes: 3, seed: 1);
        var reference = new DatasetReference(path, DatasetFileFormat.Npz);
        var store = new DatasetStore(folder.Path);
        var plan = new TrainingPlan(reference.ToString(), "mlp", OptimizerSettings.Sgd(5e-4), TestSchedules.Constant(0.05), Epochs: 2, BatchSize: 16, Seed: 3, WidthMultiplier: 0.25);
        TrainingSession Open()
        {
            var (definition, data) = store.Prepare(plan.Dataset, plan.Selection);
            return TrainingSession.Create(plan, definition, data, CPU);
        }

        byte[] checkpoint;
        using (var session = Open())
        {
            session.RunEpoch(TrainingCallbacks.None, TestContext.Current.CancellationToken);
            checkpoint = session.SaveCheckpoint();
        }

        var before = store.Prepare(plan.Dataset, DataSelection.All).Definition.ContentFingerprint!;
        using (var same = Open())
        {
            same.RestoreCheckpoint(checkpoint);
            Assert.Equal(1, same.CompletedEpochs);
        }

        // One changed sample makes it another dataset.
        TestDatasets.WriteBlobsNpz(path, count: 60, features: 4, classes: 3, seed: 2);
        using var changed = Open();
        var after = store.Prepare(plan.Dataset, DataSelection.All).Definition.ContentFingerprint!;
        var error = Assert.Throws<CheckpointMismatchException>(() => changed.RestoreCheckpoint(checkpoint));

        Assert.NotEqual(before, after);
        Assert.Equal(
            $"dataset 'blobs.npz' changed since the checkpoint was written: its content fingerprint is now {after}, the checkpoint's is {before}; start the run again (or restore the dataset's files)",
            error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_worker_store_reads_a_changed_dataset_again_instead_of_training_on_the_old_copy()
    {
        using var folder = new TemporaryDirectory("sc-changed");
        var path = folder.File("blobs.csv");
        TestDatasets.WriteBlobsCsv(path, count: 30, features: 2, classes: 2, seed: 1);
        var dataset = new DatasetReference(path, DatasetFileFormat.Csv).ToString();
        var store = new DatasetStore(folder.Path);
        var first = store.Prepare(dataset, DataSelection.All);

        Assert.Same(first.Definition, store.Prepare(dataset, DataSelection.All).Definition);
        TestDatasets.WriteBlobsCsv(path, count: 40, features: 2, classes: 2, seed: 1);
        var second = store.Prepare(dataset, DataSelection.All);

        Assert.NotSame(first.Definition, second.Definition);
        Assert.Equal(40, second.Data.Train.Count + second.Data.Test.Count);
    }
}
