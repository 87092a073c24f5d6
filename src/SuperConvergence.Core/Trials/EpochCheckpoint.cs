using System.Buffers.Binary;

namespace SuperConvergence.Core.Trials;

/// <summary>
/// Checkpoint bytes for trainers whose runs are a pure function of (config, epoch) — the simulated and the tabular
/// trainer: a tag naming the trainer, the epoch and the run's fingerprint. The epoch is all the state there is; the
/// fingerprint stops a checkpoint of one config from being resumed under another, the tag one trainer's checkpoint
/// from being read by the other.
/// </summary>
internal static class EpochCheckpoint
{
    /// <summary>The bytes of the tag, the epoch and the fingerprint; a trainer with state of its own (the command trainer) puts it after them.</summary>
    public const int Length = 16;

    public static TrainingCheckpoint Write(uint tag, int epoch, ulong fingerprint)
    {
        var state = new byte[Length];
        WriteHeader(state, tag, epoch, fingerprint);
        return new TrainingCheckpoint(epoch, state);
    }

    /// <summary>Writes the tag, the epoch and the fingerprint into the first <see cref="Length"/> bytes of <paramref name="state"/>.</summary>
    public static void WriteHeader(Span<byte> state, uint tag, int epoch, ulong fingerprint)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(state, tag);
        BinaryPrimitives.WriteInt32LittleEndian(state[4..], epoch);
        BinaryPrimitives.WriteUInt64LittleEndian(state[8..], fingerprint);
    }

    /// <summary>
    /// The epoch the checkpoint was taken at; throws when it is not this trainer's checkpoint of this run. With
    /// <paramref name="payload"/> the state may carry bytes after the header; without, it is the header alone.
    /// </summary>
    public static int Read(uint tag, string trainer, TrainingCheckpoint checkpoint, ulong fingerprint, int cycleEpochs, bool payload = false)
    {
        var state = checkpoint.State;
        if (state is null || state.Length < Length || (!payload && state.Length != Length) || BinaryPrimitives.ReadUInt32LittleEndian(state) != tag)
        {
            throw new ArgumentException($"The checkpoint was not written by the {trainer} trainer.", nameof(checkpoint));
        }

        var epoch = BinaryPrimitives.ReadInt32LittleEndian(state.AsSpan(4));
        if (BinaryPrimitives.ReadUInt64LittleEndian(state.AsSpan(8)) != fingerprint)
        {
            throw new ArgumentException($"The checkpoint (epoch {epoch}) belongs to a different trial config.", nameof(checkpoint));
        }

        if (epoch != checkpoint.Epoch || epoch < 0 || epoch > cycleEpochs)
        {
            throw new ArgumentException($"The checkpoint's epoch {epoch} does not fit a {cycleEpochs}-epoch cycle.", nameof(checkpoint));
        }

        return epoch;
    }
}
