using SuperConvergence.Core.Datasets;
using SuperConvergence.Testing.Datasets;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Files;

namespace SuperConvergence.Training.Tests.Data.Files;

public sealed class NumPyDatasetReaderTests
{
    [Fact]
    public void Features_and_labels_of_an_npz_become_an_unsplit_set_of_feature_vectors()
    {
        using var folder = new TemporaryDirectory("sc-npz");
        var path = folder.File("blobs.npz");
        TestDatasets.WriteBlobsNpz(path, count: 30, features: 4, classes: 3, seed: 1);

        var content = FileDatasets.ReadContent(new DatasetReference(path, DatasetFileFormat.Npz));

        Assert.False(content.SplitGiven);
        Assert.Empty(content.Problems);
        Assert.Equal(new ImageShape(4, 1, 1), content.Shape);
        Assert.Equal(["0", "1", "2"], content.ClassNames);
        var all = content.Splits[SplitNames.All];
        Assert.Equal(30, all.Count);
        Assert.Equal(TestDatasets.Blobs(30, 4, 3, 1).Features!, all.Features!);
    }

    [Fact]
    public void Arrays_named_for_train_val_and_test_are_the_given_split()
    {
        using var folder = new TemporaryDirectory("sc-npz");
        var path = folder.File("split.npz");
        byte[] Images(int n) => NumPyFiles.Npy("|u1", [n, 2, 3], [.. Enumerable.Range(0, n * 6).Select(i => (byte)i)]);
        byte[] Labels(int n) => NumPyFiles.Npy("<i8", [n], NumPyFiles.Int64([.. Enumerable.Range(0, n).Select(i => (long)(i % 2))]));
        NumPyFiles.WriteNpz(path, new Dictionary<string, byte[]>
        {
            ["x_train"] = Images(6), ["y_train"] = Labels(6), ["x_val"] = Images(2), ["y_val"] = Labels(2), ["x_test"] = Images(4), ["y_test"] = Labels(4),
        });

        var splits = FileDatasets.Split(FileDatasets.ReadContent(new DatasetReference(path, DatasetFileFormat.Npz)), new DatasetReference(path, DatasetFileFormat.Npz));

        Assert.Equal((6, 2, 4), (splits.Train.Count, splits.Validation!.Count, splits.Test.Count));
        Assert.Equal(new ImageShape(1, 2, 3), splits.Train.Shape);
        Assert.Null(splits.Train.Features!);
        Assert.Equal(Enumerable.Range(0, 36).Select(i => (byte)i), splits.Train.Pixels);
    }

    [Fact]
    public void A_declared_shape_rereads_flat_features_as_images()
    {
        using var folder = new TemporaryDirectory("sc-npz");
        var path = folder.File("flat.npz");
        NumPyFiles.WriteNpz(path, new Dictionary<string, byte[]>
        {
            ["x"] = NumPyFiles.Npy("<f4", [2, 12], NumPyFiles.Float32([.. Enumerable.Range(0, 24).Select(i => (float)i)])),
            ["y"] = NumPyFiles.Npy("<i8", [2], NumPyFiles.Int64(0, 1)),
        });

        var content = FileDatasets.ReadContent(new DatasetReference(path, DatasetFileFormat.Npz, new SampleShape(3, 2, 2)));
        var wrong = Assert.Throws<DatasetFormatException>(() => FileDatasets.ReadContent(new DatasetReference(path, DatasetFileFormat.Npz, new SampleShape(1, 5, 5))));

        Assert.Equal(new ImageShape(3, 2, 2), content.Shape);
        Assert.Contains("1x5x5 = 25 elements", wrong.Message);
    }

    [Fact]
    public void Features_and_labels_of_different_lengths_are_a_problem_naming_both_arrays()
    {
        using var folder = new TemporaryDirectory("sc-npz");
        var path = folder.File("mismatch.npz");
        NumPyFiles.WriteNpz(path, new Dictionary<string, byte[]>
        {
            ["x"] = NumPyFiles.Npy("<f4", [3, 2], NumPyFiles.Float32(1, 2, 3, 4, 5, 6)),
            ["y"] = NumPyFiles.Npy("<i8", [2], NumPyFiles.Int64(0, 1)),
        });
        var reference = new DatasetReference(path, DatasetFileFormat.Npz);

        var problem = Assert.Single(FileDatasets.ReadContent(reference).Problems);
        var refused = Assert.Throws<DatasetFormatException>(() => FileDatasets.Load(reference));

        Assert.Equal($"{path}: x holds 3 samples but y holds 2 labels (all)", problem.ToString());
        Assert.Equal(problem.ToString(), refused.Message);
    }

    [Fact]
    public void Labels_that_are_not_whole_class_numbers_and_missing_arrays_are_refused()
    {
        using var folder = new TemporaryDirectory("sc-npz");
        var fractional = folder.File("fractional.npz");
        NumPyFiles.WriteNpz(fractional, new Dictionary<string, byte[]>
        {
            ["x"] = NumPyFiles.Npy("<f4", [2, 1], NumPyFiles.Float32(1, 2)),
            ["y"] = NumPyFiles.Npy("<f4", [2], NumPyFiles.Float32(0, 0.5f)),
        });
        var unnamed = folder.File("unnamed.npz");
        NumPyFiles.WriteNpz(unnamed, new Dictionary<string, byte[]> { ["arr_0"] = NumPyFiles.Npy("<f4", [1], NumPyFiles.Float32(1)) });

        var notWhole = Assert.Throws<DatasetFormatException>(() => FileDatasets.ReadContent(new DatasetReference(fractional, DatasetFileFormat.Npz)));
        var missing = Assert.Throws<DatasetFormatException>(() => FileDatasets.ReadContent(new DatasetReference(unnamed, DatasetFileFormat.Npz)));

        Assert.Contains("y[1] is 0.5", notWhole.Message);
        Assert.Contains("has no array 'x' (found: arr_0)", missing.Message);
    }

    [Fact]
    public void A_folder_of_npy_files_reads_like_an_npz()
    {
        using var folder = new TemporaryDirectory("sc-npy");
        File.WriteAllBytes(folder.File("arrays/x.npy"), NumPyFiles.Npy("<f8", [4, 2], NumPyFiles.Float64(0, 0, 1, 1, 0, 1, 1, 0)));
        File.WriteAllBytes(folder.File("arrays/y.npy"), NumPyFiles.Npy("<i8", [4], NumPyFiles.Int64(0, 1, 0, 1)));

        var content = FileDatasets.ReadContent(new DatasetReference(Path.Combine(folder.Path, "arrays"), DatasetFileFormat.Npy));

        Assert.Equal(4, content.Splits[SplitNames.All].Count);
        Assert.Equal([0f, 0, 1, 1, 0, 1, 1, 0], content.Splits[SplitNames.All].Features!);
    }
}
