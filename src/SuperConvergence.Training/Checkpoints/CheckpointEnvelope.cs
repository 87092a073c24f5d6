namespace SuperConvergence.Training.Checkpoints;

/// <summary>
/// The framing of a training checkpoint. Version 2 (written since checksums were added):
/// magic <c>SCCK</c>, format version 2, the payload's length (int64) and its SHA-256 (32 bytes), then the payload:
/// the run's fingerprint and position, the body (generator state, model, optimiser) written by the session, and an
/// end marker. Version 1 (read, no longer written) is the same without the length and the checksum: magic, 1, payload.
/// A payload whose SHA-256 differs is refused before anything is loaded, so damaged weights never resume.
/// Version 3 is version 2 for a checkpoint taken inside an epoch (a preempted run): the header adds the steps done of
/// the next epoch and the body ends with the epoch's progress. Epoch-end checkpoints are still written as version 2,
/// so builds without mid-epoch resume read them, and refuse a version 3 one by its version number.
/// </summary>
internal static class CheckpointEnvelope
{
    private static readonly byte[] Magic = "SCCK"u8.ToArray();
    private static readonly byte[] EndMarker = "SCND"u8.ToArray();
    public const int FormatVersion = 2;
    public const int MidEpochVersion = 3;
    private const int UncheckedVersion = 1;
    private const int ChecksumLength = 32;

    /// <summary>Step is the next step's index over the run; StepInEpoch the steps done of the epoch after CompletedEpochs.</summary>
    public sealed record Header(string Fingerprint, int CompletedEpochs, int Step, int StepInEpoch = 0);

    /// <summary>Writes the whole checkpoint: the payload (header, <paramref name="writeBody"/>, end marker) framed with its checksum.</summary>
    public static void Write(Stream stream, Header header, Action<BinaryWriter> writeBody)
    {
        using var payload = new MemoryStream();
        using (var body = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            body.Write(header.Fingerprint);
            body.Write(header.CompletedEpochs);
            body.Write(header.Step);
            if (header.StepInEpoch > 0)
            {
                body.Write(header.StepInEpoch);
            }

            writeBody(body);
            body.Write(EndMarker);
        }

        var bytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(header.StepInEpoch > 0 ? MidEpochVersion : FormatVersion);
        writer.Write((long)bytes.Length);
        writer.Write(SHA256.HashData(bytes));
        writer.Write(bytes);
    }

    /// <summary>
    /// Reads the framing and the header; returns them with the reader the body is read from (the verified payload for
    /// version 2, <paramref name="stream"/> itself for version 1). The caller disposes the reader.
    /// </summary>
    public static (Header Header, BinaryReader Body) Open(Stream stream)
    {
        var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var magic = ReadExactly(reader, Magic.Length);
        if (!magic.AsSpan().SequenceEqual(Magic))
        {
            throw new CheckpointMismatchException("not a SuperConvergence training checkpoint (bad magic bytes)");
        }

        var version = ReadOrFail(reader, r => r.ReadInt32());
        if (version == UncheckedVersion)
        {
            return (ReadHeader(reader), reader);
        }

        if (version is not (FormatVersion or MidEpochVersion))
        {
            throw new CheckpointMismatchException($"checkpoint format version {version} is not supported (this build reads versions {UncheckedVersion} to {MidEpochVersion})");
        }

        var length = ReadOrFail(reader, r => r.ReadInt64());
        if (length is < 0 or > int.MaxValue)
        {
            throw new CheckpointMismatchException($"checkpoint is corrupt: payload length {length} is impossible");
        }

        var checksum = ReadExactly(reader, ChecksumLength);
        var payload = ReadExactly(reader, (int)length);
        reader.Dispose();
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(checksum))
        {
            throw new CheckpointMismatchException("checkpoint is corrupt (checksum mismatch): its content is not what was written (SHA-256 differs); resume from an earlier checkpoint or start again");
        }

        var body = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8, leaveOpen: false);
        return (ReadHeader(body, midEpoch: version == MidEpochVersion), body);
    }

    private static Header ReadHeader(BinaryReader reader, bool midEpoch = false) =>
        ReadOrFail(reader, r => new Header(r.ReadString(), r.ReadInt32(), r.ReadInt32(), midEpoch ? r.ReadInt32() : 0));

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

    /// <summary>
    /// Runs a read and turns the stream running dry into a clear "truncated" error, and a field BinaryReader cannot
    /// decode (a string's length prefix that is no 7-bit integer, or a negative one) into a "corrupt" one.
    /// </summary>
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
        catch (Exception e) when (e is FormatException or IOException)
        {
            throw new CheckpointMismatchException($"checkpoint is corrupt ({e.Message.ReplaceLineEndings(" ")})");
        }
    }

    private static byte[] ReadExactly(BinaryReader reader, int count)
    {
        // A length field is only a claim: a few damaged bytes can ask for 2 GiB, which ReadBytes would allocate
        // before finding the file short. Where the stream knows its length, refuse the claim before allocating.
        var stream = reader.BaseStream;
        if (stream.CanSeek && count > stream.Length - stream.Position)
        {
            throw new CheckpointMismatchException($"checkpoint is truncated: wanted {count} more bytes, found {stream.Length - stream.Position}");
        }

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
