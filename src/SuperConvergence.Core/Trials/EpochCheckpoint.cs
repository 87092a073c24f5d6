using System.Buffers.Binary;

namespace SuperConvergence.Core.Trials;

/// <summary>
/// Checkpoint bytes for trainers whose runs are a pure function of (config, epoch) — the simulated and the tabular
/// trainer: a tag naming the trainer, the epoch and the run's fingerprint, then, only for a checkpoint taken inside an
/// epoch (a preempted simulated run), the steps done of the next epoch. The position is all the state there is; the
/// fingerprint stops a checkpoint of one config from being resumed under another, the tag one trainer's checkpoint
/// from being read by the other. An epoch-end checkpoint is the 16 bytes it always was, so older ones still resume.
/// </summary>
internal static class EpochCheckpoint
{
    private const int Length = 16;
    private const int MidEpochLength = Length + 4;

    public static TrainingCheckpoint Write(uint tag, int epoch, ulong fingerprint, int stepInEpoch = 0)
    {
        var state = new byte[stepInEpoch == 0 ? Length : MidEpochLength];
        BinaryPrimitives.WriteUInt32LittleEndian(state, tag);
        BinaryPrimitives.WriteInt32LittleEndian(state.AsSpan(4), epoch);
        BinaryPrimitives.WriteUInt64LittleEndian(state.AsSpan(8), fingerprint);
        if (stepInEpoch != 0)
        {
            BinaryPrimitives.WriteInt32LittleEndian(state.AsSpan(Length), stepInEpoch);
        }

        return new TrainingCheckpoint(epoch, state, stepInEpoch);
    }

    /// <summary>The epoch the checkpoint was taken at; throws when it is not this trainer's epoch-end checkpoint of this run.</summary>
    public static int Read(uint tag, string trainer, TrainingCheckpoint checkpoint, ulong fingerprint, int cycleEpochs)
    {
        var (epoch, step) = ReadPosition(tag, trainer, checkpoint, fingerprint, cycleEpochs, stepsPerEpoch: 1);
        return step == 0 ? epoch : throw new ArgumentException($"The {trainer} trainer cannot resume inside an epoch.", nameof(checkpoint));
    }

    /// <summary>
    /// Where the checkpoint was taken: whole epochs done and steps done of the next (below
    /// <paramref name="stepsPerEpoch"/>); throws when it is not this trainer's checkpoint of this run.
    /// </summary>
    public static (int Epoch, int StepInEpoch) ReadPosition(uint tag, string trainer, TrainingCheckpoint checkpoint, ulong fingerprint, int cycleEpochs, int stepsPerEpoch)
    {
        var state = checkpoint.State;
        if (state is not { Length: Length or MidEpochLength } || BinaryPrimitives.ReadUInt32LittleEndian(state) != tag)
        {
            throw new ArgumentException($"The checkpoint was not written by the {trainer} trainer.", nameof(checkpoint));
        }

        var epoch = BinaryPrimitives.ReadInt32LittleEndian(state.AsSpan(4));
        if (BinaryPrimitives.ReadUInt64LittleEndian(state.AsSpan(8)) != fingerprint)
        {
            throw new ArgumentException($"The checkpoint (epoch {epoch}) belongs to a different trial config.", nameof(checkpoint));
        }

        var step = state.Length == MidEpochLength ? BinaryPrimitives.ReadInt32LittleEndian(state.AsSpan(Length)) : 0;
        if (epoch != checkpoint.Epoch || epoch < 0 || epoch > cycleEpochs || (step != 0 && epoch == cycleEpochs))
        {
            throw new ArgumentException($"The checkpoint's epoch {epoch} does not fit a {cycleEpochs}-epoch cycle.", nameof(checkpoint));
        }

        if (step < 0 || step >= stepsPerEpoch || (state.Length == MidEpochLength && step == 0))
        {
            throw new ArgumentException($"The checkpoint's step {step} does not fit an epoch of {stepsPerEpoch} steps.", nameof(checkpoint));
        }

        return (epoch, step);
    }
}
