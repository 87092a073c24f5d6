using System.Buffers.Binary;

namespace SuperConvergence.Core.Trials.Simulated;

/// <summary>
/// The simulated trainer's checkpoint bytes: a tag, the epoch and the run's fingerprint. A simulated run's metrics are
/// a pure function of (config, epoch), so the epoch is all the state there is; the fingerprint stops a checkpoint
/// from one config being resumed under another.
/// </summary>
internal static class SimulatedCheckpoint
{
    private const uint Tag = 0x53435331; // "SCS1"
    private const int Length = 16;

    public static TrainingCheckpoint Write(int epoch, ulong fingerprint)
    {
        var state = new byte[Length];
        BinaryPrimitives.WriteUInt32LittleEndian(state, Tag);
        BinaryPrimitives.WriteInt32LittleEndian(state.AsSpan(4), epoch);
        BinaryPrimitives.WriteUInt64LittleEndian(state.AsSpan(8), fingerprint);
        return new TrainingCheckpoint(epoch, state);
    }

    /// <summary>The epoch the checkpoint was taken at; throws when it is not this run's checkpoint.</summary>
    public static int Read(TrainingCheckpoint checkpoint, ulong fingerprint, int cycleEpochs)
    {
        var state = checkpoint.State;
        if (state is not { Length: Length } || BinaryPrimitives.ReadUInt32LittleEndian(state) != Tag)
        {
            throw new ArgumentException("The checkpoint was not written by the simulated trainer.", nameof(checkpoint));
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
