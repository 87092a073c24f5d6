using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Formats;

namespace SuperConvergence.Training.Tests.Data;

public sealed class Cifar10BatchFileTests
{
    [Fact]
    public void A_written_batch_reads_back_as_3x32x32_images_with_labels()
    {
        using var directory = TemporaryDirectory.Create();
        var path = directory.File("data_batch_1.bin");
        var expected = TestImages.Patterned(7, Cifar10BatchFile.Shape);

        Cifar10BatchFile.Write(path, expected);
        var read = Cifar10BatchFile.Read(path);

        Assert.Equal(7 * 3073, new FileInfo(path).Length);
        Assert.Equal(expected.Labels, read.Labels);
        Assert.Equal(expected.Pixels, read.Pixels);
        Assert.Equal(new ImageShape(3, 32, 32), read.Shape);
    }

    [Fact]
    public void A_record_split_in_the_middle_is_reported_with_the_leftover_bytes()
    {
        using var directory = TemporaryDirectory.Create();
        var path = directory.File("data_batch_2.bin");
        Cifar10BatchFile.Write(path, TestImages.Patterned(3, Cifar10BatchFile.Shape));
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^1000]);

        var error = Assert.Throws<DatasetFormatException>(() => Cifar10BatchFile.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("2 records and 2073 bytes left over", error.Message);
    }

    [Fact]
    public void A_label_byte_above_9_means_this_is_not_a_cifar10_batch()
    {
        using var directory = TemporaryDirectory.Create();
        var path = directory.File("test_batch.bin");
        var bytes = new byte[2 * 3073];
        bytes[3073] = 200;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<DatasetFormatException>(() => Cifar10BatchFile.Read(path));

        Assert.Contains("record 1 has label 200", error.Message);
    }

    [Fact]
    public void The_cifar10_definition_reads_five_training_batches_and_a_test_batch_from_the_cache()
    {
        using var cache = TemporaryDirectory.Create();
        var definition = DatasetCatalog.Get("cifar10");
        foreach (var file in definition.RequiredFiles)
        {
            Cifar10BatchFile.Write(cache.File(Path.Combine("cifar10", file)), TestImages.Patterned(4, Cifar10BatchFile.Shape));
        }

        var splits = definition.Load(cache.Path);

        Assert.Equal(20, splits.Train.Count);
        Assert.Equal(4, splits.Test.Count);
        Assert.True(definition.IsCachedIn(cache.Path));
    }

    [Fact]
    public void A_missing_batch_says_which_file_and_how_to_get_it()
    {
        using var cache = TemporaryDirectory.Create();

        var error = Assert.Throws<DatasetNotCachedException>(() => DatasetCatalog.Get("cifar10").Load(cache.Path));

        Assert.Contains("data_batch_1.bin does not exist", error.Message);
        Assert.Contains("sc data get cifar10", error.Message);
    }
}
