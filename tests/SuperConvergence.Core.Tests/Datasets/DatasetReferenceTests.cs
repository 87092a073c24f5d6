using SuperConvergence.Core.Datasets;

namespace SuperConvergence.Core.Tests.Datasets;

public sealed class DatasetReferenceTests
{
    [Fact]
    public void The_canonical_text_reads_back_as_the_same_reference()
    {
        var references = new[]
        {
            new DatasetReference("/data/my images;path=odd", DatasetFileFormat.ImageFolder, new SampleShape(3, 32, 32)),
            new DatasetReference("table.csv", DatasetFileFormat.Csv, LabelColumn: "species", ValidationFraction: 0.1, TestFraction: 0.25, SplitSeed: -4),
            new DatasetReference("/x/blobs.npz", DatasetFileFormat.Npz, new SampleShape(784, 1, 1)),
        };

        foreach (var reference in references)
        {
            Assert.Equal(reference, DatasetReference.TryParse(reference.ToString()));
        }

        Assert.Equal("image-folder:shape=3x32x32;validation=0;test=0.2;seed=1;path=/data/my images;path=odd", references[0].ToString());
    }

    [Theory]
    [InlineData("fashion-mnist")]
    [InlineData("synthetic")]
    [InlineData("parquet:path=/x")]
    [InlineData("csv:seed=1")]
    [InlineData("csv:seed=one;path=/x")]
    public void Built_in_names_and_other_text_are_not_references(string text)
    {
        Assert.Null(DatasetReference.TryParse(text));
    }

    [Theory]
    [InlineData("my-images", DatasetFileFormat.ImageFolder)]
    [InlineData("./my-images/", DatasetFileFormat.ImageFolder)]
    [InlineData("data.NPZ", DatasetFileFormat.Npz)]
    [InlineData("x.npy", DatasetFileFormat.Npy)]
    [InlineData("/t/iris.csv", DatasetFileFormat.Csv)]
    public void The_format_is_inferred_from_the_extension(string path, DatasetFileFormat expected)
    {
        Assert.Equal(expected, DatasetFileFormats.Infer(path));
    }

    [Fact]
    public void Problems_name_the_field_and_the_value()
    {
        Assert.Empty(new DatasetReference("/x", DatasetFileFormat.ImageFolder, new SampleShape(1, 28, 28)).Problems());
        Assert.Equal(
            [("shape", "(missing)")],
            new DatasetReference("/x", DatasetFileFormat.ImageFolder).Problems().Select(p => (p.Field, p.Value)));
        Assert.Equal(
            [("shape", "2x8x8")],
            new DatasetReference("/x", DatasetFileFormat.ImageFolder, new SampleShape(2, 8, 8)).Problems().Select(p => (p.Field, p.Value)));
        Assert.Equal(
            [("label", "'y'")],
            new DatasetReference("/x.npz", DatasetFileFormat.Npz, LabelColumn: "y").Problems().Select(p => (p.Field, p.Value)));
        Assert.Equal(
            [("split.test", "1"), ("split.validation", "0.5")],
            new DatasetReference("/x.csv", DatasetFileFormat.Csv, ValidationFraction: 0.5, TestFraction: 1).Problems().Select(p => (p.Field, p.Value)));
        Assert.Equal(
            [("path", "''")],
            new DatasetReference("", DatasetFileFormat.Csv).Problems().Select(p => (p.Field, p.Value)));
    }
}
