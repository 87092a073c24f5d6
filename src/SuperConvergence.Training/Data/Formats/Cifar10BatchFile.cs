namespace SuperConvergence.Training.Data.Formats;

/// <summary>
/// A CIFAR-10 binary batch: fixed 3073-byte records, one label byte (0–9) then 3×32×32 pixel bytes
/// (all red, then green, then blue, each row-major).
/// </summary>
public static class Cifar10BatchFile
{
    public const int ClassCount = 10;

    public static readonly ImageShape Shape = new(3, 32, 32);

    public static int RecordLength => 1 + Shape.PixelsPerImage;

    public static LabelledImages Read(string path) => Parse(path, DataFileStream.ReadAll(path));

    /// <summary>Parses a batch's bytes as stored (raw or gzip-compressed); errors name <paramref name="path"/>.</summary>
    public static LabelledImages Parse(string path, byte[] stored)
    {
        var bytes = DataFileStream.Decode(path, stored);
        if (bytes.Length == 0)
        {
            throw new DatasetFormatException(path, "file is empty");
        }

        if (bytes.Length % RecordLength != 0)
        {
            throw new DatasetFormatException(
                path,
                $"truncated or not a CIFAR-10 binary batch: {bytes.Length} bytes is not a whole number of {RecordLength}-byte records ({bytes.Length / RecordLength} records and {bytes.Length % RecordLength} bytes left over)");
        }

        var count = bytes.Length / RecordLength;
        var size = Shape.PixelsPerImage;
        var labels = new byte[count];
        var pixels = new byte[count * size];
        for (var i = 0; i < count; i++)
        {
            var record = i * RecordLength;
            labels[i] = bytes[record];
            if (labels[i] >= ClassCount)
            {
                throw new DatasetFormatException(path, $"record {i} has label {labels[i]}, outside 0..{ClassCount - 1}: not a CIFAR-10 binary batch");
            }

            Array.Copy(bytes, record + 1, pixels, i * size, size);
        }

        return new LabelledImages(Shape, ClassCount, pixels, labels);
    }

    /// <summary>Writes records in the batch layout (tests and tools produce small batches this way).</summary>
    public static void Write(string path, LabelledImages images)
    {
        if (images.Shape != Shape)
        {
            throw new ArgumentException($"CIFAR-10 images are {Shape}, not {images.Shape}", nameof(images));
        }

        using var file = File.Create(path);
        var size = Shape.PixelsPerImage;
        for (var i = 0; i < images.Count; i++)
        {
            file.WriteByte(images.Labels[i]);
            file.Write(images.Pixels, i * size, size);
        }
    }
}
