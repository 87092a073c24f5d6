using CsCheck;
using SuperConvergence.Training.Data;

namespace SuperConvergence.Training.Tests.Data;

public sealed class StratifiedSplitTests
{
    [Fact]
    public void Seventy_per_class_split_one_seventh_gives_sixty_train_and_ten_test_per_class()
    {
        var images = TestImages.Patterned(700, new ImageShape(1, 2, 2));

        var split = StratifiedSplit.Split(images, 1.0 / 7, seed: 5);

        Assert.Equal(600, split.Train.Count);
        Assert.Equal(100, split.Test.Count);
        for (var c = 0; c < 10; c++)
        {
            Assert.Equal(60, split.Train.Labels.Count(l => l == c));
            Assert.Equal(10, split.Test.Labels.Count(l => l == c));
        }
    }

    [Fact]
    public void The_split_is_the_same_every_time_for_a_seed_and_differs_for_another()
    {
        var images = TestImages.Patterned(140, new ImageShape(1, 4, 4));

        var first = StratifiedSplit.Split(images, 1.0 / 7, seed: 9);
        var again = StratifiedSplit.Split(images, 1.0 / 7, seed: 9);
        var other = StratifiedSplit.Split(images, 1.0 / 7, seed: 10);

        Assert.Equal(first.Test.Pixels, again.Test.Pixels);
        Assert.Equal(first.Train.Labels, again.Train.Labels);
        Assert.NotEqual(first.Test.Pixels, other.Test.Pixels);
    }

    [Fact]
    public void Every_image_lands_in_exactly_one_half_and_classes_keep_their_proportions()
    {
        var gen = Gen.Select(Gen.Int[1, 6], Gen.Int[10, 200], Gen.Double[0.05, 0.5], Gen.ULong);
        gen.Sample((classes, count, fraction, seed) =>
        {
            // Pixel 0 and 1 encode the image's index, so membership can be checked exactly.
            var shape = new ImageShape(1, 1, 2);
            var pixels = Enumerable.Range(0, count).SelectMany(i => new[] { (byte)(i % 256), (byte)(i / 256) }).ToArray();
            var labels = Enumerable.Range(0, count).Select(i => (byte)(i * 31 % (classes + 1))).ToArray();
            var images = new LabelledImages(shape, classes + 1, pixels, labels);

            var split = StratifiedSplit.Split(images, fraction, seed);

            int Index(LabelledImages set, int i) => set.Pixels[2 * i] + (256 * set.Pixels[(2 * i) + 1]);
            var seen = Enumerable.Range(0, split.Train.Count).Select(i => Index(split.Train, i))
                .Concat(Enumerable.Range(0, split.Test.Count).Select(i => Index(split.Test, i)))
                .Order().ToArray();
            Assert.Equal(Enumerable.Range(0, count), seen);
            for (var c = 0; c <= classes; c++)
            {
                var members = labels.Count(l => l == c);
                var held = split.Test.Labels.Count(l => l == c);
                Assert.Equal((int)Math.Round(members * fraction, MidpointRounding.AwayFromZero), held);
            }
        });
    }

    [Fact]
    public void Permutations_contain_every_index_once()
    {
        Gen.Select(Gen.Int[0, 500], Gen.ULong).Sample((count, seed) =>
            Assert.Equal(Enumerable.Range(0, count), DeterministicShuffle.Permutation(count, seed).Order()));
    }
}
