using System.Buffers.Binary;

namespace SuperConvergence.Core.Trials;

/// <summary>
/// Checkpoint bytes for trainers whose runs are a pure function of (config, epoch) — the simulated and the tabular
/// trainer: a tag naming the trainer, the epoch and the run's fingerprint, then, only for a checkpoint taken inside an
/// epoch (a preempted simulated run), the steps done of the next epoch. The position is all the state there is; the
/// fingerprint stops a checkpoint of one config from being resumed under another, the tag one trainer's checkpoint
/// from being read by the other. An epoch-end checkpoint is the 16 bytes it always was, so older ones still resume.
/// A trainer with state of its own (the command trainer) writes the same header and its state after it.
/// </summary>
internal static class EpochCheckpoint
{
    /// <summary>The bytes of the tag, the epoch and the fingerprint; a trainer with state of its own puts it after them.</summary>
    public const int Length = 16;

    private const int MidEpochLength = Length + 4;

    public static TrainingCheckpoint Write(uint tag, int epoch, ulong fingerprint, int stepInEpoch = 0)
    {
        var state = new byte[stepInEpoch == 0 ? Length : MidEpochLength];
        WriteHeader(state, tag, epoch, fingerprint);
        if (stepInEpoch != 0)
        {
            BinaryPrimitives.WriteInt32LittleEndian(state.AsSpan(Length), stepInEpoch);
        }

        return new TrainingCheckpoint(epoch, state, stepInEpoch);
    }

    /// <summary>Writes the tag, the epoch and the fingerprint into the first <see cref="Length"/> bytes of <paramref name="state"/>.</summary>
    public static void WriteHeader(Span<byte> state, uint tag, int epoch, ulong fingerprint)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(state, tag);
        BinaryPrimitives.WriteInt32LittleEndian(state[4..], epoch);
        BinaryPrimitives.WriteUInt64LittleEndian(state[8..], fingerprint);
    }

    /// <summary>
    /// The epoch the checkpoint was taken at; throws when it is not this trainer's epoch-end checkpoint of this run.
    /// With <paramref name="payload"/> the state carries the trainer's own bytes after the header (and no step).
    /// </summary>
    public static int Read(uint tag, string trainer, TrainingCheckpoint checkpoint, ulong fingerprint, int cycleEpochs, bool payload = false)
    {
        if (payload)
        {
            ArgumentNullException.ThrowIfNull(checkpoint);
            var state = checkpoint.State;
            if (state is null || state.Length < Length || BinaryPrimitives.ReadUInt32LittleEndian(state) != tag)
            {
                throw new ArgumentException($"The checkpoint was not written by the {trainer} trainer.", nameof(checkpoint));
            }

            return CheckEpoch(checkpoint, fingerprint, cycleEpochs, step: 0);
        }

        var (epoch, step) = ReadPosition(tag, trainer, checkpoint, fingerprint, cycleEpochs, stepsPerEpoch: 1);
        return step == 0 ? epoch : throw new ArgumentException($"The {trainer} trainer cannot resume inside an epoch.", nameof(checkpoint));
    }

    /// <summary>
    /// Where the checkpoint was taken: whole epochs done and steps done of the next (below
    /// <paramref name="stepsPerEpoch"/>); throws when it is not this trainer's checkpoint of this run.
    /// </summary>
    public static (int Epoch, int StepInEpoch) ReadPosition(uint tag, string trainer, TrainingCheckpoint checkpoint, ulong fingerprint, int cycleEpochs, int stepsPerEpoch)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var state = checkpoint.State;
        if (state is not { Length: Length or MidEpochLength } || BinaryPrimitives.ReadUInt32LittleEndian(state) != tag)
        {
            throw new ArgumentException($"The checkpoint was not written by the {trainer} trainer.", nameof(checkpoint));
        }

        var step = state.Length == MidEpochLength ? BinaryPrimitives.ReadInt32LittleEndian(state.AsSpan(Length)) : 0;
        var epoch = CheckEpoch(checkpoint, fingerprint, cycleEpochs, step);
        if (step < 0 || step >= stepsPerEpoch || (state.Length == MidEpochLength && step == 0))
        {
            throw new ArgumentException($"The checkpoint's step {step} does not fit an epoch of {stepsPerEpoch} steps.", nameof(checkpoint));
        }

        return (epoch, step);
    }

    private static int CheckEpoch(TrainingCheckpoint checkpoint, ulong fingerprint, int cycleEpochs, int step)
    {
        var state = checkpoint.State;
        var epoch = BinaryPrimitives.ReadInt32LittleEndian(state.AsSpan(4));
        if (BinaryPrimitives.ReadUInt64LittleEndian(state.AsSpan(8)) != fingerprint)
        {
            throw new ArgumentException($"The checkpoint (epoch {epoch}) belongs to a different trial config.", nameof(checkpoint));
        }

        if (epoch != checkpoint.Epoch || epoch < 0 || epoch > cycleEpochs || (step != 0 && epoch == cycleEpochs))
        {
            throw new ArgumentException($"The checkpoint's epoch {epoch} does not fit a {cycleEpochs}-epoch cycle.", nameof(checkpoint));
        }

        return epoch;
    }
}
