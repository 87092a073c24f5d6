using System.Buffers.Binary;
using SuperConvergence.Core.Trials.Simulated;

namespace SuperConvergence.Core.Trials.Tabular;

/// <summary>
/// The tabular trainer's checkpoint bytes: a tag, the epoch and the config's fingerprint. A replayed run is a pure
/// function of (config, epoch), so the epoch is all the state there is; the fingerprint stops a checkpoint of one
/// config from being resumed under another.
/// </summary>
internal static class TabularCheckpoint
{
    private const uint Tag = 0x53435431; // "SCT1"
    private const int Length = 16;

    public static TrainingCheckpoint Write(int epoch, TrialConfig config)
    {
        var state = new byte[Length];
        BinaryPrimitives.WriteUInt32LittleEndian(state, Tag);
        BinaryPrimitives.WriteInt32LittleEndian(state.AsSpan(4), epoch);
        BinaryPrimitives.WriteUInt64LittleEndian(state.AsSpan(8), RunFingerprint.Of(config));
        return new TrainingCheckpoint(epoch, state);
    }

    /// <summary>The epoch the checkpoint was taken at; throws when it is not this config's checkpoint.</summary>
    public static int Read(TrainingCheckpoint checkpoint, TrialConfig config)
    {
        var state = checkpoint.State;
        if (state is not { Length: Length } || BinaryPrimitives.ReadUInt32LittleEndian(state) != Tag)
        {
            throw new ArgumentException("The checkpoint was not written by the tabular trainer.", nameof(checkpoint));
        }

        var epoch = BinaryPrimitives.ReadInt32LittleEndian(state.AsSpan(4));
        if (BinaryPrimitives.ReadUInt64LittleEndian(state.AsSpan(8)) != RunFingerprint.Of(config))
        {
            throw new ArgumentException($"The checkpoint (epoch {epoch}) belongs to a different trial config.", nameof(checkpoint));
        }

        if (epoch != checkpoint.Epoch || epoch < 0 || epoch > config.CycleEpochs)
        {
            throw new ArgumentException($"The checkpoint's epoch {epoch} does not fit a {config.CycleEpochs}-epoch cycle.", nameof(checkpoint));
        }

        return epoch;
    }
}
