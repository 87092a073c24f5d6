using SkiaSharp;
using SuperConvergence.Core.Datasets;
using SuperConvergence.Testing.Datasets;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Files;

namespace SuperConvergence.Training.Tests.Data.Files;

public sealed class ImageFolderReaderTests
{
    [Fact]
    public void Png_and_jpeg_images_are_decoded_resized_and_labelled_by_their_folder()
    {
        using var folder = new TemporaryDirectory("sc-images");
        TestDatasets.WriteImageFolder(folder.Path, classes: 3, perClass: 4, width: 20, height: 16, seed: 1);

        var content = ImageFolderReader.Read(folder.Path, new ImageShape(3, 8, 10));

        var all = content.Splits[SplitNames.All];
        Assert.Empty(content.Problems);
        Assert.Equal(["class-0", "class-1", "class-2"], content.ClassNames);
        Assert.Equal(12, all.Count);
        Assert.Equal(new ImageShape(3, 8, 10), all.Shape);
        Assert.Equal(Enumerable.Range(0, 3).SelectMany(c => Enumerable.Repeat((byte)c, 4)), all.Labels);
        Assert.Contains(content.Notes, note => note.Contains("20x16 (12)", StringComparison.Ordinal));
        for (var i = 0; i < all.Count; i++)
        {
            // Every pixel of every channel stays near the class colour (noise ±10, JPEG's loss a little more).
            var colour = TestDatasets.ClassColour(all.Labels[i]);
            var plane = 8 * 10;
            var start = i * all.Shape.PixelsPerImage;
            Assert.InRange(all.Pixels[start + 37], colour.Red - 25, colour.Red + 25);
            Assert.InRange(all.Pixels[start + plane + 37], colour.Green - 25, colour.Green + 25);
            Assert.InRange(all.Pixels[start + (2 * plane) + 37], colour.Blue - 25, colour.Blue + 25);
        }
    }

    [Fact]
    public void One_channel_reads_the_images_as_grey()
    {
        using var folder = new TemporaryDirectory("sc-images");
        Directory.CreateDirectory(folder.File("white/x"));
        Directory.CreateDirectory(folder.File("black/x"));
        TestDatasets.WriteImage(folder.File("white/a.png"), 4, 4, SKEncodedImageFormat.Png, (_, _) => SKColors.White);
        TestDatasets.WriteImage(folder.File("black/a.png"), 4, 4, SKEncodedImageFormat.Png, (_, _) => SKColors.Black);

        var all = ImageFolderReader.Read(folder.Path, new ImageShape(1, 2, 2)).Splits[SplitNames.All];

        Assert.Equal(new byte[] { 0, 0, 0, 0, 255, 255, 255, 255 }, all.Pixels);
        Assert.Equal(new byte[] { 0, 1 }, all.Labels);
    }

    [Fact]
    public void A_corrupt_image_is_a_problem_naming_the_file_and_the_others_still_count()
    {
        using var folder = new TemporaryDirectory("sc-images");
        // A folder inside the temporary one: the cache file is written beside the dataset, and must go with it.
        var root = Path.Combine(folder.Path, "images");
        TestDatasets.WriteImageFolder(root, classes: 2, perClass: 2, width: 8, height: 8, seed: 1);
        var corrupt = Path.Combine(root, "class-1", "broken.png");
        File.WriteAllBytes(corrupt, [.. "\x89PNG not really"u8]);
        var truncated = Path.Combine(root, "class-0", "img-001.jpg");
        File.WriteAllBytes(truncated, File.ReadAllBytes(truncated)[..200]);

        var content = ImageFolderReader.Read(root, new ImageShape(3, 8, 8));
        var refused = Assert.Throws<DatasetFormatException>(() => FileDatasets.Load(new DatasetReference(root, DatasetFileFormat.ImageFolder, new SampleShape(3, 8, 8))));

        Assert.Equal([truncated, corrupt], content.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.Equal(3, content.Splits[SplitNames.All].Count);
        Assert.Contains(content.Problems, problem => refused.Message == problem.ToString());
    }

    [Fact]
    public void An_empty_class_folder_is_a_problem_naming_the_folder()
    {
        using var folder = new TemporaryDirectory("sc-images");
        TestDatasets.WriteImageFolder(folder.Path, classes: 2, perClass: 2, width: 8, height: 8, seed: 1);
        var empty = Directory.CreateDirectory(Path.Combine(folder.Path, "class-2")).FullName;
        File.WriteAllText(Path.Combine(empty, "notes.txt"), "not an image");

        var content = ImageFolderReader.Read(folder.Path, new ImageShape(3, 8, 8));

        Assert.Equal($"{empty}: class folder holds no PNG or JPEG images", Assert.Single(content.Problems).ToString());
        Assert.Equal(3, content.ClassNames.Count);
    }

    [Fact]
    public void Train_val_and_test_folders_are_the_given_split()
    {
        using var folder = new TemporaryDirectory("sc-images");
        TestDatasets.WriteImageFolder(Path.Combine(folder.Path, "train"), classes: 2, perClass: 4, width: 8, height: 8, seed: 1);
        TestDatasets.WriteImageFolder(Path.Combine(folder.Path, "val"), classes: 2, perClass: 1, width: 8, height: 8, seed: 2);
        TestDatasets.WriteImageFolder(Path.Combine(folder.Path, "test"), classes: 2, perClass: 2, width: 8, height: 8, seed: 3);
        var reference = new DatasetReference(folder.Path, DatasetFileFormat.ImageFolder, new SampleShape(3, 8, 8));

        var content = FileDatasets.ReadContent(reference);
        var splits = FileDatasets.Split(content, reference);

        Assert.True(content.SplitGiven);
        Assert.Equal((8, 2, 4), (splits.Train.Count, splits.Validation!.Count, splits.Test.Count));
    }

    [Fact]
    public void A_missing_folder_is_refused_naming_it()
    {
        var error = Assert.Throws<DatasetFormatException>(() => ImageFolderReader.Read("/nonexistent/sc-images", new ImageShape(3, 8, 8)));

        Assert.Equal("/nonexistent/sc-images: does not exist", error.Message);
    }
}
