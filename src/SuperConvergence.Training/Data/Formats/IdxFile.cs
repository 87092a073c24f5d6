using System.Buffers.Binary;

namespace SuperConvergence.Training.Data.Formats;

/// <summary>An n-dimensional array of unsigned bytes as stored in an IDX file (MNIST's format).</summary>
public sealed record IdxArray(int[] Dimensions, byte[] Data)
{
    public long ElementCount => Dimensions.Aggregate(1L, (product, d) => product * d);
}

/// <summary>
/// The IDX format: two zero bytes, an element-type byte, a dimension-count byte, one big-endian int32 per
/// dimension, then the elements. Only unsigned bytes (type 0x08) occur in the image datasets we read.
/// </summary>
public static class IdxFile
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads <paramref name="path"/>, raw or gzip-compressed; errors name the file and the problem.</summary>
    public static IdxArray Read(string path) => Parse(path, DataFileStream.ReadAll(path));

    /// <summary>Parses a file's bytes as stored (raw or gzip-compressed); errors name <paramref name="path"/>.</summary>
    public static IdxArray Parse(string path, byte[] stored)
    {
        var bytes = DataFileStream.Decode(path, stored);
        if (bytes.Length < 4)
        {
            throw new DatasetFormatException(path, $"truncated: {bytes.Length} bytes is shorter than the 4-byte IDX magic number");
        }

        if (bytes[0] != 0 || bytes[1] != 0)
        {
            throw new DatasetFormatException(
                path,
                $"not an IDX file: magic number starts 0x{bytes[0]:X2}{bytes[1]:X2}, expected 0x0000");
        }

        if (bytes[2] != UnsignedByteType)
        {
            throw new DatasetFormatException(path, $"unsupported IDX element type 0x{bytes[2]:X2}; only unsigned bytes (0x08) are supported");
        }

        int rank = bytes[3];
        if (rank == 0)
        {
            throw new DatasetFormatException(path, "IDX header declares zero dimensions");
        }

        var headerLength = 4 + (4 * rank);
        if (bytes.Length < headerLength)
        {
            throw new DatasetFormatException(path, $"truncated: header declares {rank} dimensions ({headerLength} header bytes) but the file has {bytes.Length} bytes");
        }

        var dimensions = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + (4 * i)));
            if (dimensions[i] < 0)
            {
                throw new DatasetFormatException(path, $"dimension {i} is negative ({dimensions[i]})");
            }
        }

        var expected = dimensions.Aggregate(1L, (product, d) => product * d);
        var actual = bytes.Length - headerLength;
        if (actual < expected)
        {
            throw new DatasetFormatException(
                path,
                $"truncated: header declares {string.Join('x', dimensions)} = {expected} data bytes but only {actual} follow");
        }

        if (actual > expected)
        {
            throw new DatasetFormatException(
                path,
                $"{actual - expected} unexpected bytes after the {string.Join('x', dimensions)} data the header declares");
        }

        return new IdxArray(dimensions, bytes[headerLength..]);
    }

    /// <summary>Writes an unsigned-byte IDX file; gzip-compressed when <paramref name="path"/> ends in .gz.</summary>
    public static void Write(string path, IdxArray array)
    {
        if (array.Data.LongLength != array.ElementCount)
        {
            throw new ArgumentException($"{array.Data.Length} bytes do not fill {string.Join('x', array.Dimensions)}", nameof(array));
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        using var file = File.Create(path);
        using Stream target = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionLevel.Optimal)
            : file;
        Span<byte> header = stackalloc byte[4];
        header[0] = 0;
        header[1] = 0;
        header[2] = UnsignedByteType;
        header[3] = checked((byte)array.Dimensions.Length);
        target.Write(header);
        foreach (var dimension in array.Dimensions)
        {
            BinaryPrimitives.WriteInt32BigEndian(header, dimension);
            target.Write(header);
        }

        target.Write(array.Data);
    }
}
