using SuperConvergence.Training.Checkpoints;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Training;

/// <summary>
/// How far an epoch that paused inside (a preempted run) has got: the data generator's state when the epoch began,
/// from which drawing again gives the same data order; the steps done; and the training loss summed over their images,
/// so the epoch's reported train loss is the uninterrupted run's. Saved with a mid-epoch checkpoint.
/// </summary>
internal sealed record EpochProgress(byte[] EpochStartGenerator, int StepInEpoch, double LossSum, long Images)
{
    /// <summary>An epoch about to begin: nothing done, its data order still to be drawn from <paramref name="generator"/>.</summary>
    public static EpochProgress Start(Generator generator)
    {
        using var state = generator.get_state();
        return new EpochProgress(state.bytes.ToArray(), 0, 0, 0);
    }

    /// <summary>
    /// The epoch's batches. At its start they are drawn from the generator as always; part-way, the same permutation is
    /// drawn again from the epoch's starting state and the generator is put back where the last step left it.
    /// </summary>
    public IReadOnlyList<Tensor> Batches(int count, int batchSize, Generator generator, Device device)
    {
        if (StepInEpoch == 0)
        {
            return EpochBatches.Shuffled(count, batchSize, generator, device);
        }

        using var current = generator.get_state();
        Rewind(generator);
        var batches = EpochBatches.Shuffled(count, batchSize, generator, device);
        generator.set_state(current);
        return batches;
    }

    /// <summary>Puts the generator back to the epoch's start (a pause before its first step is an epoch boundary).</summary>
    public void Rewind(Generator generator)
    {
        using var start = tensor(EpochStartGenerator, ScalarType.Byte);
        generator.set_state(start);
    }

    public void Write(BinaryWriter writer)
    {
        CheckpointEnvelope.WriteBlob(writer, EpochStartGenerator);
        writer.Write(LossSum);
        writer.Write(Images);
    }

    public static EpochProgress Read(BinaryReader reader, int stepInEpoch)
    {
        var generator = CheckpointEnvelope.ReadBlob(reader);
        var (lossSum, images) = CheckpointEnvelope.ReadOrFail(reader, r => (r.ReadDouble(), r.ReadInt64()));
        return new EpochProgress(generator, stepInEpoch, lossSum, images);
    }
}
