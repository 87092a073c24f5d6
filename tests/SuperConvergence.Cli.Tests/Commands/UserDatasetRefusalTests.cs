using SuperConvergence.Testing.Datasets;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Commands;

/// <summary>
/// `sc train` and `sc rangetest run` on a dataset of the user's own: what is wrong with its files is bad input, one
/// line naming the file (and row and column, or arrays) with exit 2, and nothing is trained or written.
/// </summary>
public sealed class UserDatasetRefusalTests
{
    private static string[] Train(string dataset, params string[] more) =>
        ["train", "--dataset", dataset, "--model", "mlp", "--width", "0.25", "--batch-size", "8", "--max-lr", "0.1", "--epochs", "1", "--device", "cpu", .. more];

    private static async Task<string> RefusedWith(string[] args)
    {
        var outcome = await CliRunner.RunAsync(args);
        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Empty(outcome.Out);
        return outcome.Error.Split('\n')[0];
    }

    [Fact]
    public async Task A_csv_with_a_non_numeric_cell_names_the_row_and_the_column()
    {
        using var folder = new TemporaryDirectory("sc-refuse");
        var path = folder.File("table.csv");
        TestDatasets.WriteBlobsCsv(path, count: 20, features: 2, classes: 2, seed: 1);
        File.AppendAllText(path, "1.5,n/a,class-1\n");

        var error = await RefusedWith(Train(path));

        Assert.Equal($"error: {path}: row 21 (line 22), column 'f1': 'n/a' is not a finite number", error);
    }

    [Fact]
    public async Task An_npz_whose_features_and_labels_differ_in_length_names_both_arrays()
    {
        using var folder = new TemporaryDirectory("sc-refuse");
        var path = folder.File("short.npz");
        NumPyFiles.WriteNpz(path, new Dictionary<string, byte[]>
        {
            ["x"] = NumPyFiles.Npy("<f4", [5, 2], NumPyFiles.Float32(new float[10])),
            ["y"] = NumPyFiles.Npy("<i8", [4], NumPyFiles.Int64(0, 1, 0, 1)),
        });

        var error = await RefusedWith(["rangetest", "run", "--dataset", path, "--model", "mlp", "--batch-size", "2", "--iterations", "10", "--device", "cpu", "--out", folder.File("curve.csv")]);

        Assert.Equal($"error: {path}: x holds 5 samples but y holds 4 labels (all)", error);
    }

    [Fact]
    public async Task An_image_folder_with_a_corrupt_image_or_an_empty_class_names_the_file_or_folder()
    {
        using var folder = new TemporaryDirectory("sc-refuse");
        var corruptRoot = Path.Combine(folder.Path, "corrupt");
        TestDatasets.WriteImageFolder(corruptRoot, classes: 2, perClass: 4, width: 8, height: 8, seed: 1);
        var corrupt = Path.Combine(corruptRoot, "class-1", "img-002.png");
        File.WriteAllBytes(corrupt, File.ReadAllBytes(corrupt)[..20]);
        var emptyRoot = Path.Combine(folder.Path, "empty");
        TestDatasets.WriteImageFolder(emptyRoot, classes: 2, perClass: 4, width: 8, height: 8, seed: 1);
        var empty = Directory.CreateDirectory(Path.Combine(emptyRoot, "class-9")).FullName;

        var corruptError = await RefusedWith(Train(corruptRoot, "--dataset-shape", "3x8x8"));
        var emptyError = await RefusedWith(Train(emptyRoot, "--dataset-shape", "3x8x8"));

        Assert.StartsWith($"error: {corrupt}: ", corruptError);
        Assert.Equal($"error: {empty}: class folder holds no PNG or JPEG images", emptyError);
    }

    [Fact]
    public async Task A_missing_path_an_image_folder_without_a_shape_and_a_convolution_on_features_are_refused_before_reading()
    {
        using var folder = new TemporaryDirectory("sc-refuse");
        var csv = folder.File("t.csv");
        TestDatasets.WriteBlobsCsv(csv, count: 10, features: 2, classes: 2, seed: 1);
        var missing = Path.Combine(folder.Path, "absent.npz");

        var absent = await RefusedWith(Train(missing));
        var shapeless = await RefusedWith(Train(folder.Path));
        var convolution = await RefusedWith(["train", "--dataset", csv, "--model", "resnet-20", "--max-lr", "0.1", "--epochs", "1"]);

        Assert.StartsWith($"error: --dataset: '{missing}' does not exist", absent);
        Assert.Equal("error: --dataset-shape: '(missing)' is required for an image folder: the size images are resized to, e.g. [3, 32, 32]", shapeless);
        Assert.Equal("error: --model: 'resnet-20' convolves images, but dataset 't.csv' holds feature vectors; use model mlp", convolution);
    }

    [Fact]
    public async Task Resuming_after_the_dataset_changed_is_refused_naming_the_dataset_and_both_fingerprints()
    {
        using var folder = new TemporaryDirectory("sc-refuse");
        var path = folder.File("table.csv");
        TestDatasets.WriteBlobsCsv(path, count: 40, features: 2, classes: 2, seed: 1);
        var checkpoints = Path.Combine(folder.Path, "checkpoints");
        var first = await CliRunner.RunAsync(Train(path, "--checkpoint-dir", checkpoints));
        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        var before = JsonFingerprint(await CliRunner.RunAsync("data", "inspect", path, "--format", "json"));

        TestDatasets.WriteBlobsCsv(path, count: 40, features: 2, classes: 2, seed: 2);
        var after = JsonFingerprint(await CliRunner.RunAsync("data", "inspect", path, "--format", "json"));
        var error = await RefusedWith(Train(path, "--checkpoint-dir", checkpoints, "--resume"));

        Assert.NotEqual(before, after);
        Assert.Equal(
            $"error: --resume: {Path.Combine(checkpoints, "epoch-0001.sccheckpoint")}: dataset 'table.csv' changed since the checkpoint was written: its content fingerprint is now {after}, the checkpoint's is {before}; start the run again (or restore the dataset's files)",
            error);
    }

    private static string JsonFingerprint(CliRunner.Outcome inspected) =>
        System.Text.Json.JsonDocument.Parse(inspected.Out).RootElement.GetProperty("fingerprint").GetString()!;
}
