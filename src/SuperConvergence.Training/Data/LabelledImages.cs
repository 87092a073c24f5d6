namespace SuperConvergence.Training.Data;

/// <summary>
/// Images as raw bytes (N×C×H×W, row-major, 0–255) with one class label per image: what the file readers
/// produce and what goes onto the training device in one copy.
/// </summary>
public sealed class LabelledImages
{
    public LabelledImages(ImageShape shape, int classCount, byte[] pixels, byte[] labels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        if (pixels.Length != (long)labels.Length * shape.PixelsPerImage)
        {
            throw new ArgumentException($"{pixels.Length} pixel bytes do not hold {labels.Length} images of {shape}", nameof(pixels));
        }

        foreach (var label in labels)
        {
            if (label >= classCount)
            {
                throw new ArgumentException($"label {label} is outside 0..{classCount - 1}", nameof(labels));
            }
        }

        Shape = shape;
        ClassCount = classCount;
        Pixels = pixels;
        Labels = labels;
    }

    public ImageShape Shape { get; }

    public int ClassCount { get; }

    public byte[] Pixels { get; }

    public byte[] Labels { get; }

    public int Count => Labels.Length;

    /// <summary>The images at <paramref name="indices"/>, in that order.</summary>
    public LabelledImages Select(IReadOnlyList<int> indices)
    {
        var size = Shape.PixelsPerImage;
        var pixels = new byte[indices.Count * size];
        var labels = new byte[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            Array.Copy(Pixels, (long)indices[i] * size, pixels, (long)i * size, size);
            labels[i] = Labels[indices[i]];
        }

        return new LabelledImages(Shape, ClassCount, pixels, labels);
    }

    /// <summary>The first <paramref name="count"/> images (all of them when count ≥ Count).</summary>
    public LabelledImages Take(int count) =>
        count >= Count ? this : Select(Enumerable.Range(0, count).ToArray());

    public static LabelledImages Concatenate(IReadOnlyList<LabelledImages> parts)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("nothing to concatenate", nameof(parts));
        }

        var first = parts[0];
        if (parts.Any(p => p.Shape != first.Shape || p.ClassCount != first.ClassCount))
        {
            throw new ArgumentException("parts differ in image shape or class count", nameof(parts));
        }

        var pixels = new byte[parts.Sum(p => (long)p.Pixels.Length)];
        var labels = new byte[parts.Sum(p => p.Labels.Length)];
        long pixelOffset = 0;
        var labelOffset = 0;
        foreach (var part in parts)
        {
            Array.Copy(part.Pixels, 0, pixels, pixelOffset, part.Pixels.Length);
            Array.Copy(part.Labels, 0, labels, labelOffset, part.Labels.Length);
            pixelOffset += part.Pixels.Length;
            labelOffset += part.Labels.Length;
        }

        return new LabelledImages(first.Shape, first.ClassCount, pixels, labels);
    }
}
