namespace SuperConvergence.Training.Data;

/// <summary>
/// A small, learnable image set for tests and quick runs: every class has a random prototype image and each
/// sample is its prototype plus uniform noise. Deterministic for a seed; needs no files.
/// </summary>
public static class SyntheticImages
{
    public static LabelledImages Generate(int count, ImageShape shape, int classCount, ulong seed, int noise = 96)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(noise);
        var state = seed;
        var size = shape.PixelsPerImage;
        var prototypes = new byte[classCount][];
        for (var c = 0; c < classCount; c++)
        {
            prototypes[c] = new byte[size];
            for (var p = 0; p < size; p++)
            {
                prototypes[c][p] = (byte)(DeterministicShuffle.Next(ref state) % 256);
            }
        }

        var pixels = new byte[count * size];
        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var label = (int)(DeterministicShuffle.Next(ref state) % (ulong)classCount);
            labels[i] = (byte)label;
            for (var p = 0; p < size; p++)
            {
                var offset = (int)(DeterministicShuffle.Next(ref state) % (ulong)((2 * noise) + 1)) - noise;
                pixels[(i * size) + p] = (byte)Math.Clamp(prototypes[label][p] + offset, 0, 255);
            }
        }

        return new LabelledImages(shape, classCount, pixels, labels);
    }
}
