using System.Text;

namespace SuperConvergence.Training.Checkpoints;

/// <summary>
/// The framing of a training checkpoint: magic, format version, the run's fingerprint and position, then the
/// body (generator state, model, optimiser) written by the session, then an end marker that catches truncation.
/// </summary>
internal static class CheckpointEnvelope
{
    private static readonly byte[] Magic = "SCCK"u8.ToArray();
    private static readonly byte[] EndMarker = "SCND"u8.ToArray();
    public const int FormatVersion = 1;

    public sealed record Header(string Fingerprint, int CompletedEpochs, int Step);

    public static void WriteHeader(BinaryWriter writer, Header header)
    {
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(header.Fingerprint);
        writer.Write(header.CompletedEpochs);
        writer.Write(header.Step);
    }

    public static Header ReadHeader(BinaryReader reader)
    {
        var magic = ReadExactly(reader, Magic.Length);
        if (!magic.AsSpan().SequenceEqual(Magic))
        {
            throw new CheckpointMismatchException("not a SuperConvergence training checkpoint (bad magic bytes)");
        }

        var version = ReadOrFail(reader, r => r.ReadInt32());
        if (version != FormatVersion)
        {
            throw new CheckpointMismatchException($"checkpoint format version {version} is not supported (this build reads version {FormatVersion})");
        }

        return ReadOrFail(reader, r => new Header(r.ReadString(), r.ReadInt32(), r.ReadInt32()));
    }

    public static void WriteEnd(BinaryWriter writer) => writer.Write(EndMarker);

    public static void ReadEnd(BinaryReader reader)
    {
        var end = ReadExactly(reader, EndMarker.Length);
        if (!end.AsSpan().SequenceEqual(EndMarker))
        {
            throw new CheckpointMismatchException("checkpoint is corrupt: its end marker is missing");
        }
    }

    public static void WriteBlob(BinaryWriter writer, ReadOnlySpan<byte> bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    public static byte[] ReadBlob(BinaryReader reader)
    {
        var length = ReadOrFail(reader, r => r.ReadInt32());
        if (length < 0)
        {
            throw new CheckpointMismatchException($"checkpoint is corrupt: negative section length {length}");
        }

        return ReadExactly(reader, length);
    }

    /// <summary>Runs a read and turns the stream running dry into a clear "truncated" error.</summary>
    public static T ReadOrFail<T>(BinaryReader reader, Func<BinaryReader, T> read)
    {
        try
        {
            return read(reader);
        }
        catch (EndOfStreamException e)
        {
            throw new CheckpointMismatchException($"checkpoint is truncated ({e.Message})");
        }
    }

    private static byte[] ReadExactly(BinaryReader reader, int count)
    {
        var bytes = reader.ReadBytes(count);
        if (bytes.Length != count)
        {
            throw new CheckpointMismatchException($"checkpoint is truncated: wanted {count} more bytes, found {bytes.Length}");
        }

        return bytes;
    }

    public static string DescribeDifference(string expected, string actual)
    {
        var wanted = expected.Split(';');
        var found = actual.Split(';');
        var differences = new StringBuilder();
        foreach (var field in wanted.Except(found))
        {
            var key = field.Split('=')[0];
            var other = found.FirstOrDefault(f => f.StartsWith(key + "=", StringComparison.Ordinal)) ?? "(absent)";
            differences.Append(differences.Length == 0 ? "" : ", ").Append($"{key}: run has '{field[(key.Length + 1)..]}', checkpoint has '{(other == "(absent)" ? other : other[(key.Length + 1)..])}'");
        }

        return differences.Length == 0 ? "fingerprints differ" : differences.ToString();
    }
}
