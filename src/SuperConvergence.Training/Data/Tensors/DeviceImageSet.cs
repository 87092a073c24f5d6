using static TorchSharp.torch;

namespace SuperConvergence.Training.Data.Tensors;

/// <summary>
/// A whole image set held on the training device as bytes, with labels: a batch is one index_select, a cast and
/// a normalisation, all on the device, so the input pipeline costs a few element-wise kernels per step.
/// </summary>
public sealed class DeviceImageSet : IDisposable
{
    private readonly Tensor _pixels;
    private readonly Tensor _labels;
    private readonly Tensor _mean;
    private readonly Tensor _deviation;

    public DeviceImageSet(LabelledImages images, ChannelStatistics statistics, Device device)
    {
        Shape = images.Shape;
        Count = images.Count;
        ClassCount = images.ClassCount;
        Device = device;
        // Host copies and casts are temporaries; only the device tensors outlive the constructor.
        using var scope = NewDisposeScope();
        var shape = new long[] { images.Count, Shape.Channels, Shape.Height, Shape.Width };
        _pixels = (images.Features is { } features ? tensor(features, shape, ScalarType.Float32) : tensor(images.Pixels, shape, ScalarType.Byte))
            .to(device).DetachFromDisposeScope();
        _labels = tensor(images.Labels, ScalarType.Byte).to(ScalarType.Int64).to(device).DetachFromDisposeScope();
        var channelShape = new long[] { 1, Shape.Channels, 1, 1 };
        _mean = tensor(statistics.Mean, channelShape, ScalarType.Float32).to(device).DetachFromDisposeScope();
        _deviation = tensor(statistics.StandardDeviation, channelShape, ScalarType.Float32).to(device).DetachFromDisposeScope();
    }

    public ImageShape Shape { get; }

    public int Count { get; }

    public int ClassCount { get; }

    public Device Device { get; }

    /// <summary>
    /// The images at <paramref name="indices"/> (a device tensor), augmented when asked, normalised; and their labels.
    /// Returned tensors belong to the caller's dispose scope.
    /// </summary>
    public (Tensor Images, Tensor Labels) Batch(Tensor indices, Augmentation augmentation, Generator? generator)
    {
        var images = _pixels.index_select(0, indices).to(ScalarType.Float32);
        if (!augmentation.IsNone)
        {
            // Augment in pixel units so that padding is black, as in the papers' pipelines, before normalising.
            images = BatchAugmentation.Apply(images, augmentation, generator ?? throw new ArgumentNullException(nameof(generator)));
        }

        return (images.sub_(_mean).div_(_deviation), _labels.index_select(0, indices));
    }

    /// <summary>Consecutive [start, end) ranges covering the set in order, for evaluation.</summary>
    public IEnumerable<(long Start, long End)> SequentialRanges(int batchSize)
    {
        for (long start = 0; start < Count; start += batchSize)
        {
            yield return (start, Math.Min(start + batchSize, Count));
        }
    }

    /// <summary>The indices start … end−1 as a device tensor, owned by the caller's dispose scope.</summary>
    public Tensor Indices(long start, long end) => arange(start, end, dtype: ScalarType.Int64, device: Device);

    public void Dispose()
    {
        _pixels.Dispose();
        _labels.Dispose();
        _mean.Dispose();
        _deviation.Dispose();
    }
}
