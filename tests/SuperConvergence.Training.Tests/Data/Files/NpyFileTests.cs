using SuperConvergence.Testing.Datasets;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Files;

namespace SuperConvergence.Training.Tests.Data.Files;

public sealed class NpyFileTests
{
    private static NpyArray ReadBytes(byte[] npy, string name = "a")
    {
        using var stream = new MemoryStream(npy);
        return NpyFile.Read(stream, name + ".npy", name);
    }

    [Fact]
    public void Float32_and_float64_arrays_read_as_floats_with_their_shape()
    {
        var single = ReadBytes(NumPyFiles.Npy("<f4", [2, 3], NumPyFiles.Float32(1, 2, 3, 4, 5, 6.5f)));
        var doubled = ReadBytes(NumPyFiles.Npy("<f8", [3], NumPyFiles.Float64(-1.5, 0, 1e6)));

        Assert.Equal([2L, 3L], single.Dimensions);
        Assert.Equal([1f, 2, 3, 4, 5, 6.5f], single.Values!);
        Assert.Null(single.Bytes);
        Assert.Equal([3L], doubled.Dimensions);
        Assert.Equal([-1.5f, 0, 1e6f], doubled.Values!);
    }

    [Fact]
    public void Uint8_arrays_stay_bytes_and_integers_become_floats()
    {
        var bytes = ReadBytes(NumPyFiles.Npy("|u1", [2, 2, 2], [0, 1, 2, 3, 250, 251, 252, 255]));
        var longs = ReadBytes(NumPyFiles.Npy("<i8", [4], NumPyFiles.Int64(0, 3, -2, 9)));
        var ints = ReadBytes(NumPyFiles.Npy("<i4", [2], NumPyFiles.Int32(7, 8)));

        Assert.Equal(new byte[] { 0, 1, 2, 3, 250, 251, 252, 255 }, bytes.Bytes);
        Assert.Null(bytes.Values!);
        Assert.Equal([0f, 3, -2, 9], longs.Values!);
        Assert.Equal([7f, 8], ints.Values!);
    }

    [Fact]
    public void A_fortran_ordered_array_is_transposed_into_c_order()
    {
        // The 2×3 array [[1, 2, 3], [4, 5, 6]] stored column by column.
        var array = ReadBytes(NumPyFiles.Npy("<f4", [2, 3], NumPyFiles.Float32(1, 4, 2, 5, 3, 6), fortranOrder: true));

        Assert.Equal([1f, 2, 3, 4, 5, 6], array.Values!);
    }

    [Fact]
    public void A_version_2_header_reads_like_version_1()
    {
        var array = ReadBytes(NumPyFiles.Npy("<f4", [2], NumPyFiles.Float32(1, 2), version: 2));

        Assert.Equal([1f, 2], array.Values!);
    }

    [Theory]
    [InlineData(">f4", "big-endian")]
    [InlineData("<U5", "type <U5")]
    [InlineData("|O", "type |O")]
    public void Types_a_dataset_cannot_hold_are_refused_naming_the_type(string descr, string expected)
    {
        var error = Assert.Throws<DatasetFormatException>(() => ReadBytes(NumPyFiles.Npy(descr, [1], new byte[8])));

        Assert.Contains(expected, error.Message);
        Assert.StartsWith("a.npy: ", error.Message);
    }

    [Fact]
    public void A_truncated_array_and_a_file_without_the_magic_are_refused()
    {
        var whole = NumPyFiles.Npy("<f4", [4], NumPyFiles.Float32(1, 2, 3, 4));

        var truncated = Assert.Throws<DatasetFormatException>(() => ReadBytes(whole[..^3]));
        var notNpy = Assert.Throws<DatasetFormatException>(() => ReadBytes("just text, no array"u8.ToArray()));

        Assert.Contains("truncated", truncated.Message);
        Assert.Contains("16 bytes", truncated.Message);
        Assert.Contains("magic", notNpy.Message);
    }

    [Fact]
    public void An_npz_archive_yields_its_members_by_name()
    {
        using var folder = new TemporaryDirectory("sc-npz");
        var path = folder.File("data.npz");
        NumPyFiles.WriteNpz(path, new Dictionary<string, byte[]>
        {
            ["x"] = NumPyFiles.Npy("<f4", [2, 2], NumPyFiles.Float32(1, 2, 3, 4)),
            ["y"] = NumPyFiles.Npy("<i8", [2], NumPyFiles.Int64(0, 1)),
        });

        var arrays = NumPyArrays.ReadArchive(path);

        Assert.Equal(["x", "y"], arrays.Keys.Order());
        Assert.Equal([1f, 2, 3, 4], arrays["x"].Values!);
        Assert.Equal([0f, 1], arrays["y"].Values!);
    }
}
