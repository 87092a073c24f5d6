using System.Buffers.Binary;

namespace SuperConvergence.Training.Data.Formats;

/// <summary>
/// Reads a data file whole, transparently gunzipping it when it starts with the gzip magic bytes, whatever
/// its name says: downloads are often renamed, and a wrong guess from the extension gives confusing errors.
/// </summary>
internal static class DataFileStream
{
    public static byte[] ReadAll(string path)
    {
        if (!File.Exists(path))
        {
            throw new DatasetFormatException(path, "file not found");
        }

        return Decode(path, File.ReadAllBytes(path));
    }

    /// <summary>The content of <paramref name="raw"/>, a file's bytes as stored; errors name <paramref name="path"/>.</summary>
    public static byte[] Decode(string path, byte[] raw)
    {
        if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b)
        {
            return raw;
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var decompressed = new MemoryStream();
            gzip.CopyTo(decompressed);
            // GZipStream stops quietly where a cut-off file ends; the trailer's length field
            // (uncompressed size mod 2^32, the file's last four bytes) exposes the cut.
            var declared = raw.Length >= 18 ? BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(raw.Length - 4)) : 0;
            if (raw.Length < 18 || declared != (uint)decompressed.Length)
            {
                throw new DatasetFormatException(path, $"gzip data is corrupt or truncated: {decompressed.Length} bytes decompressed, the gzip trailer says {declared}");
            }

            return decompressed.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException(path, $"gzip data is corrupt or truncated ({e.Message})", e);
        }
    }
}
