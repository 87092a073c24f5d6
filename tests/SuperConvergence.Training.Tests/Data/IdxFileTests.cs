using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Formats;

namespace SuperConvergence.Training.Tests.Data;

public sealed class IdxFileTests
{
    [Theory]
    [InlineData("images.idx")]
    [InlineData("images.idx.gz")]
    public void Written_files_read_back_identically_raw_or_gzipped(string name)
    {
        using var directory = TemporaryDirectory.Create();
        var path = directory.File(name);
        var array = new IdxArray([3, 2, 4], [.. Enumerable.Range(0, 24).Select(i => (byte)(i * 10))]);

        IdxFile.Write(path, array);
        var read = IdxFile.Read(path);

        Assert.Equal(array.Dimensions, read.Dimensions);
        Assert.Equal(array.Data, read.Data);
    }

    [Fact]
    public void Gzip_is_recognised_by_content_not_by_name()
    {
        using var directory = TemporaryDirectory.Create();
        var compressed = directory.File("labels.gz");
        IdxFile.Write(compressed, new IdxArray([5], [1, 2, 3, 4, 5]));
        var renamed = directory.File("labels-without-suffix");
        File.Move(compressed, renamed);

        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, IdxFile.Read(renamed).Data);
    }

    [Fact]
    public void A_truncated_file_names_the_file_and_the_missing_bytes()
    {
        using var directory = TemporaryDirectory.Create();
        var path = directory.File("train-images-idx3-ubyte");
        IdxFile.Write(path, new IdxArray([10, 28, 28], new byte[10 * 28 * 28]));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^100]);

        var error = Assert.Throws<DatasetFormatException>(() => IdxFile.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("10x28x28 = 7840 data bytes but only 7740 follow", error.Message);
    }

    [Fact]
    public void A_truncated_gzip_stream_is_reported_as_corrupt_gzip()
    {
        using var directory = TemporaryDirectory.Create();
        var path = directory.File("t10k-images-idx3-ubyte.gz");
        IdxFile.Write(path, new IdxArray([50, 28, 28], [.. Enumerable.Range(0, 50 * 784).Select(i => (byte)(i * 31 % 251))]));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<DatasetFormatException>(() => IdxFile.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("gzip data is corrupt or truncated", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_idx_is_refused_by_its_magic_number()
    {
        using var directory = TemporaryDirectory.Create();
        var path = directory.File("readme.txt");
        File.WriteAllText(path, "hello, this is not a dataset");

        var error = Assert.Throws<DatasetFormatException>(() => IdxFile.Read(path));

        Assert.Contains("not an IDX file", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Element_types_other_than_unsigned_bytes_are_refused()
    {
        using var directory = TemporaryDirectory.Create();
        var path = directory.File("floats.idx");
        File.WriteAllBytes(path, [0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0]);

        var error = Assert.Throws<DatasetFormatException>(() => IdxFile.Read(path));

        Assert.Contains("unsupported IDX element type 0x0D", error.Message);
    }

    [Fact]
    public void Bytes_after_the_declared_data_are_refused()
    {
        using var directory = TemporaryDirectory.Create();
        var path = directory.File("labels.idx");
        IdxFile.Write(path, new IdxArray([2], [1, 2]));
        File.AppendAllText(path, "xyz");

        var error = Assert.Throws<DatasetFormatException>(() => IdxFile.Read(path));

        Assert.Contains("3 unexpected bytes after the 2 data", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        using var directory = TemporaryDirectory.Create();
        var path = Path.Combine(directory.Path, "absent.idx");

        var error = Assert.Throws<DatasetFormatException>(() => IdxFile.Read(path));

        Assert.Equal($"{path}: file not found", error.Message);
    }
}
