using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Formats;

namespace SuperConvergence.Training.Tests.Data;

public sealed class IdxImageSetTests
{
    [Fact]
    public void An_image_file_and_a_label_file_make_labelled_28x28_images()
    {
        using var directory = TemporaryDirectory.Create();
        var expected = TestImages.Patterned(12, new ImageShape(1, 28, 28));
        var images = directory.File("images.gz");
        var labels = directory.File("labels.gz");
        IdxFile.Write(images, new IdxArray([12, 28, 28], expected.Pixels));
        IdxFile.Write(labels, new IdxArray([12], expected.Labels));

        var read = IdxImageSet.Read(images, labels, classCount: 10);

        Assert.Equal(new ImageShape(1, 28, 28), read.Shape);
        Assert.Equal(expected.Pixels, read.Pixels);
        Assert.Equal(expected.Labels, read.Labels);
    }

    [Fact]
    public void A_label_count_that_differs_from_the_image_count_names_the_label_file()
    {
        using var directory = TemporaryDirectory.Create();
        var images = directory.File("images.idx");
        var labels = directory.File("labels.idx");
        IdxFile.Write(images, new IdxArray([3, 2, 2], new byte[12]));
        IdxFile.Write(labels, new IdxArray([2], [0, 1]));

        var error = Assert.Throws<DatasetFormatException>(() => IdxImageSet.Read(images, labels, 10));

        Assert.Equal(labels, error.FilePath);
        Assert.Contains("holds 2 labels but images.idx holds 3 images", error.Message);
    }

    [Fact]
    public void A_label_outside_the_classes_is_named_with_its_index()
    {
        using var directory = TemporaryDirectory.Create();
        var images = directory.File("images.idx");
        var labels = directory.File("labels.idx");
        IdxFile.Write(images, new IdxArray([3, 2, 2], new byte[12]));
        IdxFile.Write(labels, new IdxArray([3], [0, 12, 1]));

        var error = Assert.Throws<DatasetFormatException>(() => IdxImageSet.Read(images, labels, 10));

        Assert.Contains("label 12 at index 1 is outside 0..9", error.Message);
    }

    [Fact]
    public void Swapped_image_and_label_files_are_refused_by_their_dimensions()
    {
        using var directory = TemporaryDirectory.Create();
        var images = directory.File("images.idx");
        var labels = directory.File("labels.idx");
        IdxFile.Write(images, new IdxArray([3, 2, 2], new byte[12]));
        IdxFile.Write(labels, new IdxArray([3], [0, 1, 2]));

        var error = Assert.Throws<DatasetFormatException>(() => IdxImageSet.Read(labels, images, 10));

        Assert.Equal(labels, error.FilePath);
        Assert.Contains("expected a 3-dimensional image array", error.Message);
    }
}
