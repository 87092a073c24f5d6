using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Tensors;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.Data;

public sealed class BatchAugmentationTests
{
    private const int Size = 4;
    private const int Padding = 2;

    [Fact]
    public void Every_crop_is_a_window_of_the_zero_padded_image_and_the_windows_vary()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var images = Distinct(batch: 64);

        var cropped = BatchAugmentation.Apply(images, new Augmentation(Padding, HorizontalFlip: false), generator);

        var offsets = new HashSet<(int, int)>();
        for (var b = 0; b < 64; b++)
        {
            var offset = FindWindow(images[b], cropped[b]);
            Assert.NotNull(offset);
            offsets.Add(offset.Value);
        }

        Assert.True(offsets.Count > 10, $"only {offsets.Count} distinct crop offsets in 64 images");
    }

    [Fact]
    public void Flips_mirror_some_images_left_to_right_and_leave_the_others()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(4);
        var images = Distinct(batch: 64);

        var flipped = BatchAugmentation.Apply(images, new Augmentation(0, HorizontalFlip: true), generator);

        var mirrored = 0;
        for (var b = 0; b < 64; b++)
        {
            var same = flipped[b].eq(images[b]).all().item<bool>();
            var mirror = flipped[b].eq(images[b].flip(2)).all().item<bool>();
            Assert.True(same ^ mirror);
            mirrored += mirror ? 1 : 0;
        }

        Assert.InRange(mirrored, 16, 48);
    }

    [Fact]
    public void The_generator_state_alone_determines_the_augmentation()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var images = Distinct(batch: 16);
        var augmentation = new Augmentation(Padding, HorizontalFlip: true);
        var state = generator.get_state();

        var first = BatchAugmentation.Apply(images, augmentation, generator);
        generator.set_state(state);
        var replayed = BatchAugmentation.Apply(images, augmentation, generator);

        Assert.True(first.eq(replayed).all().item<bool>());
    }

    /// <summary>Images whose pixels are all distinct and non-zero, so a window position is unambiguous.</summary>
    private static Tensor Distinct(int batch) =>
        arange(1, 1 + (batch * Size * Size), dtype: ScalarType.Float32).view(batch, 1, Size, Size);

    private static (int, int)? FindWindow(Tensor image, Tensor crop)
    {
        var padded = nn.functional.pad(image, [Padding, Padding, Padding, Padding]);
        for (var top = 0; top <= 2 * Padding; top++)
        {
            for (var left = 0; left <= 2 * Padding; left++)
            {
                var window = padded[.., TensorIndex.Slice(top, top + Size), TensorIndex.Slice(left, left + Size)];
                if (window.eq(crop).all().item<bool>())
                {
                    return (top, left);
                }
            }
        }

        return null;
    }
}
