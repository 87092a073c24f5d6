using static TorchSharp.torch;

namespace SuperConvergence.Training.Data.Tensors;

/// <summary>
/// One epoch's mini-batches as index tensors: a permutation drawn from the run's generator, cut into batches.
/// A final batch of a single image is dropped: batch normalisation cannot train on one sample.
/// </summary>
public static class EpochBatches
{
    public static int StepsPerEpoch(int count, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var steps = (count + batchSize - 1) / batchSize;
        return count % batchSize == 1 && steps > 1 ? steps - 1 : steps;
    }

    /// <summary>Draws the epoch's permutation (advancing the generator) and cuts it into index views, one per step.</summary>
    public static IReadOnlyList<Tensor> Shuffled(int count, int batchSize, Generator generator, Device device)
    {
        var steps = StepsPerEpoch(count, batchSize);
        var permutation = randperm(count, generator: generator).to(device);
        var batches = new Tensor[steps];
        for (var step = 0; step < steps; step++)
        {
            var start = (long)step * batchSize;
            batches[step] = permutation.slice(0, start, Math.Min(start + batchSize, count), 1);
        }

        return batches;
    }
}
