using SuperConvergence.Training.Checkpoints;

namespace SuperConvergence.Training.Tests.Checkpoints;

/// <summary>
/// Inputs afl found (build/fuzz/run.sh checkpoint, docs/fuzzing.md). A few damaged bytes in a length field made the
/// reader allocate what the field claimed (here 1.6 GB for a 79-byte file) before finding the file short: a hang
/// under the fuzzer and, for a resumed trial, gigabytes taken for nothing. The claim is now checked first. A damaged
/// string length escaped as BinaryReader's FormatException instead of the checkpoint's own refusal.
/// </summary>
public sealed class CheckpointFuzzFindingTests
{
    /// <summary>afl's hang id:000000 verbatim: a version 1 checkpoint whose generator-state section claims 1,667,855,461 bytes.</summary>
    private static readonly byte[] SectionClaimingGigabytes =
    [
        0x53, 0x43, 0x43, 0x4B, 0x01, 0x00, 0x00, 0x00, 0x2B, 0x64, 0x61, 0x74, 0x61, 0x73, 0x65, 0x74,
        0x3D, 0x73, 0x79, 0x6E, 0x3B, 0x65, 0x70, 0x6F, 0x63, 0x68, 0x73, 0x3D, 0x33, 0x01, 0x00, 0x00,
        0x00, 0x0A, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x3D, 0x37, 0x74, 0x70, 0x6F, 0x63, 0x68,
        0x73, 0x3D, 0x33, 0x01, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00, 0x68, 0x65, 0x74, 0x69, 0x63,
        0x3B, 0x6D, 0x6F, 0x64, 0x65, 0x6C, 0x3D, 0x6D, 0x6C, 0x70, 0x3B, 0x73, 0x65, 0x65, 0x64,
    ];

    /// <summary>afl's crash id:000000 verbatim: a version 1 checkpoint whose fingerprint's length prefix is no 7-bit integer.</summary>
    private static readonly byte[] FingerprintLengthNotAnInteger =
    [
        0x53, 0x43, 0x43, 0x4B, 0x01, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x61, 0x73, 0x20, 0x74,
        0x3D, 0x73, 0x79, 0x6E, 0x74, 0xDB, 0x65, 0x74, 0x69, 0x63, 0x3B, 0x6D, 0x87, 0x64, 0x65, 0x6C,
        0x3D, 0x6D, 0x6C, 0x70, 0x3B, 0x73, 0x65, 0x66, 0x64, 0x3D, 0x37, 0x3B, 0x00, 0x00, 0x02, 0x00,
        0x68, 0x73, 0x3F, 0x00, 0x01, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00,
    ];

    private const long AllowedAllocation = 1 << 20;

    [Fact]
    public void A_fingerprint_length_that_is_no_7_bit_integer_is_refused_as_corrupt()
    {
        using var stream = new MemoryStream(FingerprintLengthNotAnInteger, writable: false);

        var refused = Assert.Throws<CheckpointMismatchException>(() => CheckpointEnvelope.Open(stream));

        Assert.StartsWith("checkpoint is corrupt (", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_fingerprint_length_is_refused_as_corrupt()
    {
        // magic, version 1, then a 7-bit length prefix of -1 (five bytes, the top one 0x0F).
        byte[] negativeLength = [.. "SCCK"u8, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, .. "fingerprint"u8];
        using var stream = new MemoryStream(negativeLength, writable: false);

        var refused = Assert.Throws<CheckpointMismatchException>(() => CheckpointEnvelope.Open(stream));

        Assert.StartsWith("checkpoint is corrupt (", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_section_length_beyond_the_file_is_refused_as_truncated_without_allocating_it()
    {
        using var stream = new MemoryStream(SectionClaimingGigabytes, writable: false);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var refused = Assert.Throws<CheckpointMismatchException>(() =>
        {
            var (_, reader) = CheckpointEnvelope.Open(stream);
            using (reader)
            {
                CheckpointEnvelope.ReadBlob(reader);
            }
        });

        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, AllowedAllocation);
        Assert.Equal("checkpoint is truncated: wanted 1667855461 more bytes, found 15", refused.Message);
    }

    [Fact]
    public void A_version_2_payload_length_beyond_the_file_is_refused_without_allocating_it()
    {
        // magic, version 2, a payload length of 1 GiB, then far fewer bytes than the checksum and payload need.
        byte[] claimsAGibibyte = [.. "SCCK"u8, 2, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, .. new byte[40]];
        using var stream = new MemoryStream(claimsAGibibyte, writable: false);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var refused = Assert.Throws<CheckpointMismatchException>(() => CheckpointEnvelope.Open(stream));

        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, AllowedAllocation);
        Assert.Equal("checkpoint is truncated: wanted 1073741824 more bytes, found 8", refused.Message);
    }
}
