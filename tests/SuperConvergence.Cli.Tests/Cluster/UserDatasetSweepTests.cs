using System.Text.Json;
using SuperConvergence.Testing.Datasets;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// `sc sweep run` on the embedded cluster with datasets of the user's own, trained for real with TorchSharp: a tiny
/// image folder (PNG and JPEG) with a small ResNet, and a tiny .npz and CSV of feature vectors with the MLP.
/// </summary>
public sealed class UserDatasetSweepTests
{
    private static string Spec(string name, string dataset, string model, int batchSize) => $"""
        name: {name}
        dataset: {dataset}
        model: {model}
        trainer: torch
        searchSpace:
          maxLr: {"{"}min: 0.05, max: 0.5{"}"}
          weightDecay: [0.0001]
          batchSize: [{batchSize}]
          cycleEpochs: [2]
        strategy: random
        budget: {"{"}trialEpochs: 4, maxTrials: 2{"}"}
        maxConcurrentTrials: 1
        seed: 3
        """;

    private static async Task<JsonElement> RunAsync(TemporaryDirectory folder, string spec)
    {
        var path = folder.File("spec.yaml");
        await File.WriteAllTextAsync(path, spec, TestContext.Current.CancellationToken);
        var run = await CliRunner.RunAsync("sweep", "run", path, "--format", "json", "--data-dir", folder.File("sweeps"));
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        return JsonDocument.Parse(run.Out).RootElement;
    }

    private static void AssertCompletedWithTrainedTrials(JsonElement status)
    {
        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("firstFailure").ValueKind);
        var trials = status.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(2, trials.Count);
        Assert.All(trials, trial =>
        {
            Assert.Equal("completed", trial.GetProperty("state").GetString());
            Assert.InRange(trial.GetProperty("accuracy").GetDouble(), 0.0, 1.0);
            Assert.Equal(2, trial.GetProperty("epochsCompleted").GetInt32());
        });
    }

    [Fact]
    public async Task An_image_folder_sweep_trains_a_small_resnet_to_completion()
    {
        using var folder = new TemporaryDirectory("sc-own-images");
        var images = Path.Combine(folder.Path, "colours");
        TestDatasets.WriteImageFolder(images, classes: 3, perClass: 8, width: 14, height: 12, seed: 1);

        var status = await RunAsync(folder, Spec("own-images", $"{{path: '{images}', format: image-folder, shape: [3, 8, 8]}}", "resnet-small", 4));

        AssertCompletedWithTrainedTrials(status);
        Assert.True(File.Exists(images + ".sc-dataset.json"), "the fingerprint and statistics are cached beside the data");
    }

    [Fact]
    public async Task Npz_and_csv_sweeps_train_the_mlp_to_completion()
    {
        using var folder = new TemporaryDirectory("sc-own-table");
        var npz = folder.File("blobs.npz");
        TestDatasets.WriteBlobsNpz(npz, count: 60, features: 4, classes: 3, seed: 1);
        var csv = folder.File("blobs.csv");
        TestDatasets.WriteBlobsCsv(csv, count: 60, features: 4, classes: 3, seed: 2, labelColumn: "kind");

        var fromNpz = await RunAsync(folder, Spec("own-npz", $"{{path: '{npz}'}}", "mlp", 8));
        var fromCsv = await RunAsync(folder, Spec("own-csv", $"{{path: '{csv}', label: kind, split: {{validation: 0.1, test: 0.2, seed: 5}}}}", "mlp", 8));

        AssertCompletedWithTrainedTrials(fromNpz);
        AssertCompletedWithTrainedTrials(fromCsv);
        // Separable blobs: the MLP learns them in its two epochs.
        Assert.Contains(fromNpz.GetProperty("trials").EnumerateArray(), trial => trial.GetProperty("accuracy").GetDouble() > 0.6);
    }

    [Fact]
    public async Task A_spec_whose_dataset_path_is_missing_is_refused_at_submit_naming_the_field()
    {
        using var folder = new TemporaryDirectory("sc-own-missing");
        var missing = Path.Combine(folder.Path, "nowhere.npz");
        var path = folder.File("spec.yaml");
        await File.WriteAllTextAsync(path, Spec("own-missing", $"{{path: '{missing}'}}", "mlp", 16), TestContext.Current.CancellationToken);

        var run = await CliRunner.RunAsync("sweep", "run", path, "--data-dir", folder.File("sweeps"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith($"error: {path}: dataset.path: '{missing}' does not exist", run.Error);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "sweeps")) && Directory.EnumerateFileSystemEntries(Path.Combine(folder.Path, "sweeps")).Any(), "nothing is started");
    }
}
