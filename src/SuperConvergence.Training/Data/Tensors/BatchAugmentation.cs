using static TorchSharp.torch;

namespace SuperConvergence.Training.Data.Tensors;

/// <summary>Random crop after zero padding and random horizontal flip, per image, as batched tensor ops on the device.</summary>
public static class BatchAugmentation
{
    /// <summary>
    /// <paramref name="images"/> is B×C×H×W. Random draws come from <paramref name="generator"/> (on the CPU, where its
    /// state can be saved and restored exactly) and move to the images' device as small index tensors.
    /// </summary>
    public static Tensor Apply(Tensor images, Augmentation augmentation, Generator generator)
    {
        var batch = images.shape[0];
        var result = images;
        if (augmentation.CropPadding > 0)
        {
            result = RandomCrop(result, augmentation.CropPadding, generator);
        }

        if (augmentation.HorizontalFlip)
        {
            var flip = rand(batch, generator: generator).lt(0.5).view(batch, 1, 1, 1).to(images.device);
            result = where(flip, result.flip(3), result);
        }

        return result;
    }

    private static Tensor RandomCrop(Tensor images, int padding, Generator generator)
    {
        long batch = images.shape[0], channels = images.shape[1], height = images.shape[2], width = images.shape[3];
        var device = images.device;
        var padded = nn.functional.pad(images, [padding, padding, padding, padding]);
        var top = randint(0, (2 * padding) + 1, [batch], dtype: ScalarType.Int64, generator: generator).to(device);
        var left = randint(0, (2 * padding) + 1, [batch], dtype: ScalarType.Int64, generator: generator).to(device);

        // Row r of image b is padded row top[b] + r; then column c is padded column left[b] + c.
        var rows = (top.view(batch, 1) + arange(height, device: device).view(1, height))
            .view(batch, 1, height, 1)
            .expand(batch, channels, height, width + (2 * padding));
        var cropRows = padded.gather(2, rows);
        var columns = (left.view(batch, 1) + arange(width, device: device).view(1, width))
            .view(batch, 1, 1, width)
            .expand(batch, channels, height, width);
        return cropRows.gather(3, columns);
    }
}
