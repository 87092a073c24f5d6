using System.Globalization;
using System.Text;
using SkiaSharp;

namespace SuperConvergence.Testing.Datasets;

/// <summary>
/// Small datasets in the forms users have them, written for tests: separable blobs as CSV and .npz, and image folders
/// of PNG and JPEG files whose class shows in their colour. Deterministic: the same arguments write the same bytes.
/// </summary>
public static class TestDatasets
{
    /// <summary>
    /// <paramref name="count"/> samples of <paramref name="features"/> features; sample i has class i % classes and
    /// features near the class's centre (feature f of class c centres on 3·c when f is even, −3·c when odd).
    /// </summary>
    public static (float[] Features, long[] Labels) Blobs(int count, int features, int classes, int seed)
    {
        var random = new Random(seed);
        var values = new float[count * features];
        var labels = new long[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = i % classes;
            for (var f = 0; f < features; f++)
            {
                var centre = 3.0 * labels[i] * (f % 2 == 0 ? 1 : -1);
                values[(i * features) + f] = (float)(centre + (random.NextDouble() - 0.5));
            }
        }

        return (values, labels);
    }

    /// <summary>Blobs as CSV: columns f0…fN−1 and a text label column (class names "class-0", …).</summary>
    public static void WriteBlobsCsv(string path, int count, int features, int classes, int seed, string labelColumn = "label")
    {
        var (values, labels) = Blobs(count, features, classes, seed);
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(",", Enumerable.Range(0, features).Select(f => $"f{f}").Append(labelColumn)));
        for (var i = 0; i < count; i++)
        {
            var row = Enumerable.Range(0, features).Select(f => values[(i * features) + f].ToString("R", CultureInfo.InvariantCulture));
            csv.AppendLine(string.Join(",", row.Append($"class-{labels[i]}")));
        }

        File.WriteAllText(path, csv.ToString());
    }

    /// <summary>Blobs as an .npz of x (float32, N×F) and y (int64, N).</summary>
    public static void WriteBlobsNpz(string path, int count, int features, int classes, int seed)
    {
        var (values, labels) = Blobs(count, features, classes, seed);
        NumPyFiles.WriteNpz(path, new Dictionary<string, byte[]>
        {
            ["x"] = NumPyFiles.Npy("<f4", [count, features], NumPyFiles.Float32(values)),
            ["y"] = NumPyFiles.Npy("<i8", [count], NumPyFiles.Int64(labels)),
        });
    }

    /// <summary>The colour of class c's images: red, green, blue, then mixtures.</summary>
    public static SKColor ClassColour(int c) => c switch
    {
        0 => new SKColor(220, 30, 30),
        1 => new SKColor(30, 200, 40),
        2 => new SKColor(40, 40, 230),
        _ => new SKColor((byte)(60 * c), (byte)(255 - (50 * c)), (byte)(30 * c)),
    };

    /// <summary>
    /// An image folder: one subfolder per class ("class-0", …) under <paramref name="root"/>, each with
    /// <paramref name="perClass"/> images of <paramref name="width"/>×<paramref name="height"/>, alternately PNG and
    /// JPEG, in the class's colour with a little per-image noise.
    /// </summary>
    public static void WriteImageFolder(string root, int classes, int perClass, int width, int height, int seed)
    {
        var random = new Random(seed);
        for (var c = 0; c < classes; c++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, $"class-{c}")).FullName;
            for (var i = 0; i < perClass; i++)
            {
                var format = i % 2 == 0 ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg;
                var file = Path.Combine(folder, $"img-{i:D3}.{(format == SKEncodedImageFormat.Png ? "png" : "jpg")}");
                WriteImage(file, width, height, format, (_, _) => Noisy(ClassColour(c), random));
            }
        }
    }

    /// <summary>One image file of the given format, each pixel from <paramref name="pixel"/>(x, y).</summary>
    public static void WriteImage(string path, int width, int height, SKEncodedImageFormat format, Func<int, int, SKColor> pixel)
    {
        ArgumentNullException.ThrowIfNull(pixel);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, pixel(x, y));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static SKColor Noisy(SKColor colour, Random random)
    {
        byte Jitter(byte value) => (byte)Math.Clamp(value + random.Next(-10, 11), 0, 255);
        return new SKColor(Jitter(colour.Red), Jitter(colour.Green), Jitter(colour.Blue));
    }
}
