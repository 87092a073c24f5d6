using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace SuperConvergence.Testing.Datasets;

/// <summary>
/// Writes NumPy .npy and .npz files as numpy.save and numpy.savez do (version 1.0 header padded to 64 bytes), so
/// tests of the readers need no Python: the bytes are built here from the format's description.
/// </summary>
public static class NumPyFiles
{
    /// <summary>A whole .npy file: magic, version, header dict, then <paramref name="data"/> as given (already in the dtype's bytes).</summary>
    public static byte[] Npy(string descr, long[] shape, byte[] data, bool fortranOrder = false, int version = 1)
    {
        var dimensions = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        var dict = $"{{'descr': '{descr}', 'fortran_order': {(fortranOrder ? "True" : "False")}, 'shape': ({dimensions}), }}";
        var prefix = version == 1 ? 10 : 12;
        var padded = dict.PadRight((((prefix + dict.Length + 1 + 63) / 64) * 64) - prefix - 1) + "\n";
        using var file = new MemoryStream();
        file.Write([0x93, .. "NUMPY"u8, (byte)version, 0]);
        var length = new byte[version == 1 ? 2 : 4];
        if (version == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)padded.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)padded.Length);
        }

        file.Write(length);
        file.Write(Encoding.Latin1.GetBytes(padded));
        file.Write(data);
        return file.ToArray();
    }

    public static byte[] Float32(params float[] values) => Encode(values, 4, (span, v) => BinaryPrimitives.WriteSingleLittleEndian(span, v));

    public static byte[] Float64(params double[] values) => Encode(values, 8, (span, v) => BinaryPrimitives.WriteDoubleLittleEndian(span, v));

    public static byte[] Int64(params long[] values) => Encode(values, 8, (span, v) => BinaryPrimitives.WriteInt64LittleEndian(span, v));

    public static byte[] Int32(params int[] values) => Encode(values, 4, (span, v) => BinaryPrimitives.WriteInt32LittleEndian(span, v));

    /// <summary>An .npz archive (replacing any file there): one NAME.npy member per entry, deflated as numpy.savez_compressed writes them.</summary>
    public static void WriteNpz(string path, IReadOnlyDictionary<string, byte[]> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        File.Delete(path);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, npy) in members)
        {
            using var entry = archive.CreateEntry(name + ".npy", CompressionLevel.Fastest).Open();
            entry.Write(npy);
        }
    }

    private static byte[] Encode<T>(T[] values, int size, SpanAction<T> write)
    {
        var bytes = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            write(bytes.AsSpan(i * size, size), values[i]);
        }

        return bytes;
    }

    private delegate void SpanAction<in T>(Span<byte> span, T value);
}
