using SuperConvergence.Core.Datasets;
using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Tests.Sweeps;

/// <summary>The spec's <c>dataset:</c> field: a built-in name, or a mapping naming a dataset of the user's own.</summary>
public sealed class DatasetSpecTests
{
    private static string Spec(string dataset) => $"""
        name: own-data
        dataset: {dataset}
        model: mlp
        searchSpace:
          maxLr: {"{"}min: 0.01, max: 1{"}"}
        """;

    [Fact]
    public void A_built_in_name_stays_a_name()
    {
        Assert.Equal("fashion-mnist", SweepSpecReader.ParseYaml(Spec("fashion-mnist")).Dataset);
    }

    [Fact]
    public void A_mapping_becomes_the_references_canonical_text()
    {
        var images = SweepSpecReader.ParseYaml(Spec("{path: ./my-images, format: image-folder, shape: [3, 32, 32]}"));
        var npz = SweepSpecReader.ParseYaml(Spec("{path: data.npz}"));
        var csv = SweepSpecReader.ParseYaml(Spec("{path: t.csv, label: species, split: {validation: 0.1, test: 0.3, seed: 9}}"));
        var json = SweepSpecReader.ParseJson("""{"name": "j", "dataset": {"path": "f", "format": "npy", "shape": [28, 28]}, "model": "mlp", "searchSpace": {"maxLr": {"min": 0.01, "max": 1}}}""");

        Assert.Equal(new DatasetReference("./my-images", DatasetFileFormat.ImageFolder, new SampleShape(3, 32, 32)), DatasetReference.TryParse(images.Dataset));
        Assert.Equal(new DatasetReference("data.npz", DatasetFileFormat.Npz), DatasetReference.TryParse(npz.Dataset));
        Assert.Equal(
            new DatasetReference("t.csv", DatasetFileFormat.Csv, LabelColumn: "species", ValidationFraction: 0.1, TestFraction: 0.3, SplitSeed: 9),
            DatasetReference.TryParse(csv.Dataset));
        Assert.Equal(new DatasetReference("f", DatasetFileFormat.Npy, new SampleShape(1, 28, 28)), DatasetReference.TryParse(json.Dataset));
    }

    [Theory]
    [InlineData("{format: csv}", "dataset.path: (missing) is required")]
    [InlineData("{path: x, format: parquet, shape: [1]}", "dataset.format: parquet is not a dataset format; choose image-folder, npy, npz, csv")]
    [InlineData("{path: x, shape: [1, 2, 3, 4]}", "dataset.shape: [1, 2, 3, 4] must list 1 to 3 dimensions: [features], [height, width] or [channels, height, width]")]
    [InlineData("{path: x, shape: [3, big, 2]}", "dataset.shape[1]: big must be a whole number between -2147483648 and 2147483647")]
    [InlineData("{path: ./imgs}", "dataset.shape: (missing) is required for an image folder: the size images are resized to, e.g. [3, 32, 32]")]
    [InlineData("{path: x.npz, label: y}", "dataset.label: 'y' applies only to format csv")]
    [InlineData("{path: x.csv, split: {test: 0}}", "dataset.split.test: 0 must lie strictly between 0 and 1")]
    [InlineData("{path: x.csv, split: {validation: 0.6, test: 0.5}}", "dataset.split.validation: 0.6 must be at least 0 and leave training data beside the test fraction (validation + test < 1)")]
    [InlineData("{path: x.csv, split: {tset: 0.1}}", "dataset.split.tset: 0.1 is not a known field; did you mean 'test'? (known here: validation, test, seed)")]
    [InlineData("{path: x.csv, labels: y}", "dataset.labels: y is not a known field; did you mean 'label'? (known here: path, format, shape, label, split)")]
    public void A_bad_dataset_mapping_is_one_line_naming_the_field_and_the_value(string dataset, string expected)
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(Spec(dataset)));

        Assert.Equal(expected, error.Message);
    }
}
