namespace SuperConvergence.Training.Data;

/// <summary>
/// Images as raw bytes (N×C×H×W, row-major, 0–255), or real-valued samples as float32 of the same layout, with one
/// class label per sample: what the file readers produce and what goes onto the training device in one copy.
/// </summary>
public sealed class LabelledImages
{
    public LabelledImages(ImageShape shape, int classCount, byte[] pixels, byte[] labels)
        : this(shape, classCount, pixels, null, labels)
    {
    }

    /// <summary>Real-valued samples (NumPy floats and integers, CSV features): kept as float32, never quantised to bytes.</summary>
    public LabelledImages(ImageShape shape, int classCount, float[] features, byte[] labels)
        : this(shape, classCount, [], features, labels)
    {
    }

    private LabelledImages(ImageShape shape, int classCount, byte[] pixels, float[]? features, byte[] labels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        var stored = features?.LongLength ?? pixels.LongLength;
        if (stored != (long)labels.Length * shape.PixelsPerImage)
        {
            throw new ArgumentException($"{stored} {(features is null ? "pixel bytes" : "values")} do not hold {labels.Length} images of {shape}", nameof(pixels));
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
        Features = features;
        Labels = labels;
    }

    public ImageShape Shape { get; }

    public int ClassCount { get; }

    /// <summary>The samples as bytes (0–255); empty when they are real-valued (<see cref="Features"/>).</summary>
    public byte[] Pixels { get; }

    /// <summary>The samples as float32 values, N×C×H×W; null for byte images.</summary>
    public float[]? Features { get; }

    public byte[] Labels { get; }

    public int Count => Labels.Length;

    /// <summary>The images at <paramref name="indices"/>, in that order.</summary>
    public LabelledImages Select(IReadOnlyList<int> indices)
    {
        var size = Shape.PixelsPerImage;
        var labels = new byte[indices.Count];
        Array source = Features is null ? Pixels : Features;
        var values = Array.CreateInstance(source.GetType().GetElementType()!, (long)indices.Count * size);
        for (var i = 0; i < indices.Count; i++)
        {
            Array.Copy(source, (long)indices[i] * size, values, (long)i * size, size);
            labels[i] = Labels[indices[i]];
        }

        return values is float[] features
            ? new LabelledImages(Shape, ClassCount, features, labels)
            : new LabelledImages(Shape, ClassCount, (byte[])values, labels);
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
        if (parts.Any(p => p.Shape != first.Shape || p.ClassCount != first.ClassCount || (p.Features is null) != (first.Features is null)))
        {
            throw new ArgumentException("parts differ in image shape, class count or value type", nameof(parts));
        }

        var labels = new byte[parts.Sum(p => p.Labels.Length)];
        Array values = first.Features is null ? new byte[parts.Sum(p => (long)p.Pixels.Length)] : new float[parts.Sum(p => p.Features!.LongLength)];
        long valueOffset = 0;
        var labelOffset = 0;
        foreach (var part in parts)
        {
            Array source = part.Features is null ? part.Pixels : part.Features;
            Array.Copy(source, 0, values, valueOffset, source.LongLength);
            Array.Copy(part.Labels, 0, labels, labelOffset, part.Labels.Length);
            valueOffset += source.LongLength;
            labelOffset += part.Labels.Length;
        }

        return values is float[] features
            ? new LabelledImages(first.Shape, first.ClassCount, features, labels)
            : new LabelledImages(first.Shape, first.ClassCount, (byte[])values, labels);
    }
}
