using System.Buffers.Binary;
using System.Text.RegularExpressions;

namespace SuperConvergence.Training.Data.Files;

/// <summary>
/// Reads NumPy's .npy format (versions 1.0–3.0): the magic, a header that is a Python dict literal holding descr,
/// fortran_order and shape, then the raw elements. Little-endian (and byte-sized) booleans, integers and floats are
/// read; Fortran-ordered arrays are transposed into C order; big-endian, object, string and complex arrays are refused
/// with a line naming the file and the type.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static NpyArray Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new DatasetFormatException(path, "file not found");
        }

        using var stream = File.OpenRead(path);
        return Read(stream, path, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Reads one array from <paramref name="stream"/>; <paramref name="source"/> names it in errors (a file, or archive!member).</summary>
    public static NpyArray Read(Stream stream, string source, string name)
    {
        var (descr, fortran, dimensions) = ReadHeader(stream, source);
        var (size, decode) = ElementReader(descr, source);
        var count = dimensions.Aggregate(1L, (product, d) => product * d);
        if (count * size > Array.MaxLength)
        {
            throw new DatasetFormatException(source, $"array {name} of shape ({string.Join(", ", dimensions)}) is too large to read");
        }

        var raw = new byte[count * size];
        var read = stream.ReadAtLeast(raw, raw.Length, throwOnEndOfStream: false);
        if (read < raw.Length)
        {
            throw new DatasetFormatException(source, $"array {name} is truncated: its header promises {raw.Length} bytes of {descr} data, the file holds {read}");
        }

        byte[]? bytes = null;
        float[]? values = null;
        if (descr is "|u1" or "<u1" or "u1" or "|b1")
        {
            bytes = raw;
        }
        else
        {
            values = new float[count];
            for (long i = 0; i < count; i++)
            {
                values[i] = decode(raw.AsSpan((int)(i * size), size));
            }
        }

        if (fortran && dimensions.Length > 1)
        {
            bytes = bytes is null ? null : ToRowMajor(bytes, dimensions);
            values = values is null ? null : ToRowMajor(values, dimensions);
        }

        return new NpyArray(name, descr, dimensions, bytes, values);
    }

    private static (string Descr, bool Fortran, long[] Dimensions) ReadHeader(Stream stream, string source)
    {
        Span<byte> preamble = stackalloc byte[8];
        if (stream.ReadAtLeast(preamble, 8, throwOnEndOfStream: false) < 8 || !preamble[..6].SequenceEqual(Magic))
        {
            throw new DatasetFormatException(source, "is not a NumPy .npy array (the magic bytes \\x93NUMPY are missing)");
        }

        var major = preamble[6];
        int headerLength;
        if (major == 1)
        {
            Span<byte> length = stackalloc byte[2];
            stream.ReadExactly(length);
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(length);
        }
        else if (major is 2 or 3)
        {
            Span<byte> length = stackalloc byte[4];
            stream.ReadExactly(length);
            headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(length));
        }
        else
        {
            throw new DatasetFormatException(source, $"uses .npy format version {major}.{preamble[7]}; this reader knows 1.0, 2.0 and 3.0");
        }

        var header = new byte[headerLength];
        if (stream.ReadAtLeast(header, headerLength, throwOnEndOfStream: false) < headerLength)
        {
            throw new DatasetFormatException(source, "is truncated inside its .npy header");
        }

        var text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(header);
        var descr = DescrPattern().Match(text);
        var fortran = FortranPattern().Match(text);
        var shape = ShapePattern().Match(text);
        if (!descr.Success || !fortran.Success || !shape.Success)
        {
            throw new DatasetFormatException(source, $"has a .npy header without descr, fortran_order and shape: {text.Trim()}");
        }

        var dimensions = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.TryParse(d.TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
                : throw new DatasetFormatException(source, $"has an unreadable shape in its .npy header: ({shape.Groups[1].Value})"))
            .ToArray();
        return (descr.Groups[1].Value, fortran.Groups[1].Value == "True", dimensions);
    }

    /// <summary>Bytes per element and how to turn one into a float, for the types a dataset holds.</summary>
    private static (int Size, Func<ReadOnlySpan<byte>, float> Decode) ElementReader(string descr, string source)
    {
        if (descr.StartsWith('>'))
        {
            throw new DatasetFormatException(source, $"holds big-endian data ({descr}); save it little-endian, e.g. array.astype('<f4')");
        }

        return descr.TrimStart('<', '|', '=') switch
        {
            "u1" or "b1" => (1, b => b[0]),
            "i1" => (1, b => (sbyte)b[0]),
            "i2" => (2, b => BinaryPrimitives.ReadInt16LittleEndian(b)),
            "u2" => (2, b => BinaryPrimitives.ReadUInt16LittleEndian(b)),
            "i4" => (4, b => BinaryPrimitives.ReadInt32LittleEndian(b)),
            "u4" => (4, b => BinaryPrimitives.ReadUInt32LittleEndian(b)),
            "i8" => (8, b => BinaryPrimitives.ReadInt64LittleEndian(b)),
            "u8" => (8, b => BinaryPrimitives.ReadUInt64LittleEndian(b)),
            "f2" => (2, b => (float)BinaryPrimitives.ReadHalfLittleEndian(b)),
            "f4" => (4, b => BinaryPrimitives.ReadSingleLittleEndian(b)),
            "f8" => (8, b => (float)BinaryPrimitives.ReadDoubleLittleEndian(b)),
            _ => throw new DatasetFormatException(source, $"holds elements of type {descr}; a dataset needs numbers (bool, int, uint or float)"),
        };
    }

    /// <summary>Fortran order stores the first index fastest; C order the last. Walks C order and reads each element's Fortran offset.</summary>
    private static T[] ToRowMajor<T>(T[] columnMajor, long[] dimensions)
    {
        var result = new T[columnMajor.LongLength];
        var fortranStrides = new long[dimensions.Length];
        long stride = 1;
        for (var d = 0; d < dimensions.Length; d++)
        {
            fortranStrides[d] = stride;
            stride *= dimensions[d];
        }

        var index = new long[dimensions.Length];
        for (long i = 0; i < result.LongLength; i++)
        {
            long offset = 0;
            for (var d = 0; d < dimensions.Length; d++)
            {
                offset += index[d] * fortranStrides[d];
            }

            result[i] = columnMajor[offset];
            for (var d = dimensions.Length - 1; d >= 0 && ++index[d] == dimensions[d]; d--)
            {
                index[d] = 0;
            }
        }

        return result;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
