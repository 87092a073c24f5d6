using System.Text.Json;
using SuperConvergence.Testing.Datasets;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Commands;

/// <summary>`sc data inspect PATH`: what a dataset of the user's own holds, as text and as JSON, and its problems.</summary>
public sealed class DataInspectCommandTests
{
    [Fact]
    public async Task An_image_folder_shows_format_classes_counts_per_split_shape_statistics_and_no_problems()
    {
        using var folder = new TemporaryDirectory("sc-inspect");
        var root = Path.Combine(folder.Path, "pets");
        TestDatasets.WriteImageFolder(root, classes: 2, perClass: 5, width: 12, height: 10, seed: 1);

        var outcome = await CliRunner.RunAsync("data", "inspect", root, "--dataset-shape", "3x8x8");

        Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.Error);
        var lines = outcome.Out.Split('\n').Select(line => line.TrimEnd()).ToList();
        Assert.Contains($"dataset:      {root}", lines);
        Assert.Contains("format:       image-folder", lines);
        Assert.Contains("sample shape: 3x8x8 (channels x height x width)", lines);
        Assert.Contains("classes:      2 (class-0, class-1)", lines);
        Assert.Contains("split:        ours, stratified: test 0.2, validation 0, seed 1", lines);
        Assert.Contains(lines, line => line.StartsWith("note:         image sizes found: 12x10 (10)", StringComparison.Ordinal));
        Assert.Contains("class        train       test", lines);
        Assert.Contains("class-0          4          1", lines);
        Assert.Contains("total            8          2", lines);
        Assert.Contains(lines, line => line.StartsWith("statistics:   per-channel mean [", StringComparison.Ordinal));
        Assert.Contains("problems:     none", lines);
        Assert.Matches(@"fingerprint:  [0-9a-f]{16}", outcome.Out);
    }

    [Fact]
    public async Task Json_holds_the_same_facts_for_an_npz_and_without_a_shape()
    {
        using var folder = new TemporaryDirectory("sc-inspect");
        var path = folder.File("blobs.npz");
        TestDatasets.WriteBlobsNpz(path, count: 30, features: 4, classes: 3, seed: 1);

        var outcome = await CliRunner.RunAsync("data", "inspect", path, "--format", "json");

        Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.Error);
        var json = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal(path, json.GetProperty("path").GetString());
        Assert.Equal("npz", json.GetProperty("format").GetString());
        Assert.Matches("^[0-9a-f]{16}$", json.GetProperty("fingerprint").GetString());
        Assert.Equal([4, 1, 1], json.GetProperty("sampleShape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal(["0", "1", "2"], json.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("stratified", json.GetProperty("split").GetString());
        Assert.Equal(0.2, json.GetProperty("splitSettings").GetProperty("test").GetDouble());
        Assert.Equal(8, json.GetProperty("counts").GetProperty("train").GetProperty("1").GetInt32());
        Assert.Equal(2, json.GetProperty("counts").GetProperty("test").GetProperty("2").GetInt32());
        Assert.Equal(4, json.GetProperty("statistics").GetProperty("mean").GetArrayLength());
        Assert.Equal(0, json.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task Problems_are_listed_in_full_then_the_first_is_the_error_with_exit_2()
    {
        using var folder = new TemporaryDirectory("sc-inspect");
        var root = Path.Combine(folder.Path, "pets");
        TestDatasets.WriteImageFolder(root, classes: 2, perClass: 3, width: 8, height: 8, seed: 1);
        var corrupt = Path.Combine(root, "class-0", "zz-corrupt.jpg");
        File.WriteAllText(corrupt, "not a jpeg");
        var empty = Directory.CreateDirectory(Path.Combine(root, "class-2")).FullName;

        var text = await CliRunner.RunAsync("data", "inspect", root, "--dataset-shape", "3x8x8");
        var json = await CliRunner.RunAsync("data", "inspect", root, "--dataset-shape", "3x8x8", "--format", "json");

        Assert.Equal(ExitCodes.BadInput, text.ExitCode);
        Assert.Contains("problems:     2", text.Out);
        Assert.Contains($"  {empty}: class folder holds no PNG or JPEG images", text.Out);
        Assert.Contains($"  {corrupt}: cannot be decoded as a PNG or JPEG image", text.Out);
        Assert.Contains("statistics:   not computed while the dataset has problems", text.Out);
        Assert.StartsWith("error: 2 problem(s); the first: ", text.Error);
        Assert.Equal(ExitCodes.BadInput, json.ExitCode);
        var problems = JsonDocument.Parse(json.Out).RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("path").GetString()).ToList();
        Assert.Equal([corrupt, empty], problems.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_missing_path_and_a_bad_shape_are_one_line_naming_the_option()
    {
        using var folder = new TemporaryDirectory("sc-inspect");
        var missing = Path.Combine(folder.Path, "nowhere");

        var absent = await CliRunner.RunAsync("data", "inspect", missing);
        var shape = await CliRunner.RunAsync("data", "inspect", folder.Path, "--dataset-shape", "3xlarge");

        Assert.Equal(ExitCodes.BadInput, absent.ExitCode);
        Assert.StartsWith($"error: --dataset: '{missing}' does not exist", absent.Error);
        Assert.Single(absent.Error.Trim().Split('\n'));
        Assert.Equal(ExitCodes.BadInput, shape.ExitCode);
        Assert.Equal("error: --dataset-shape: '3xlarge' must be CxHxW, HxW or F in whole numbers, e.g. 3x32x32", shape.Error.Trim());
    }
}
