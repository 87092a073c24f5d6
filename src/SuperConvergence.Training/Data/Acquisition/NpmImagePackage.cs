namespace SuperConvergence.Training.Data.Acquisition;

/// <summary>Reads an unpacked npm image package (see <see cref="NpmImagePackageLayout"/>) into labelled images, class by class.</summary>
public static class NpmImagePackage
{
    public sealed record Contents(LabelledImages Images, int SkippedEmptyEntries);

    /// <param name="packageRoot">The unpacked tarball's <c>package</c> directory.</param>
    public static Contents Read(string packageRoot, NpmImagePackageLayout layout)
    {
        var parts = new List<LabelledImages>();
        var skipped = 0;
        for (var label = 0; label < layout.ClassCount; label++)
        {
            var path = Path.Combine(packageRoot, layout.ClassDirectory, $"{label}.json");
            if (!File.Exists(path))
            {
                throw new DatasetFormatException(path, $"missing: the {layout.PackageName} package should hold one JSON file per class");
            }

            var (pixels, empty) = ReadClassFile(path, layout.Encoding);
            skipped += empty;
            var count = pixels.Length / NpmImagePackageLayout.Shape.PixelsPerImage;
            parts.Add(new LabelledImages(NpmImagePackageLayout.Shape, layout.ClassCount, pixels, Enumerable.Repeat((byte)label, count).ToArray()));
        }

        return new Contents(LabelledImages.Concatenate(parts), skipped);
    }

    /// <summary>Pixels of every image in one class file; empty per-image entries (the fashion-mnist package has two) are skipped.</summary>
    private static (byte[] Pixels, int SkippedEmpty) ReadClassFile(string path, NpmPixelEncoding encoding)
    {
        var size = NpmImagePackageLayout.Shape.PixelsPerImage;
        var reader = new Utf8JsonReader(File.ReadAllBytes(path));
        var pixels = new List<byte>();
        var skipped = 0;
        try
        {
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, path, "does not start with a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName && !reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                reader.Skip();
            }

            Expect(reader.TokenType == JsonTokenType.PropertyName, path, "has no \"data\" property");
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartArray, path, "\"data\" is not an array");
            var entry = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    var before = pixels.Count;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        pixels.Add(Pixel(ref reader, encoding, path));
                    }

                    var length = pixels.Count - before;
                    if (length == 0)
                    {
                        skipped++;
                    }
                    else if (length != size)
                    {
                        throw new DatasetFormatException(path, $"image entry {entry} has {length} values, expected {size} (28x28)");
                    }
                }
                else
                {
                    pixels.Add(Pixel(ref reader, encoding, path));
                }

                entry++;
            }
        }
        catch (JsonException e)
        {
            throw new DatasetFormatException(path, $"is not valid JSON ({e.Message})", e);
        }

        if (pixels.Count % size != 0)
        {
            throw new DatasetFormatException(path, $"holds {pixels.Count} pixel values, not a whole number of {size}-pixel (28x28) images");
        }

        return (pixels.ToArray(), skipped);
    }

    private static byte Pixel(ref Utf8JsonReader reader, NpmPixelEncoding encoding, string path)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new DatasetFormatException(path, $"found {reader.TokenType} where a pixel value belongs");
        }

        var value = reader.GetDouble();
        var scaled = encoding == NpmPixelEncoding.UnitInterval ? value * 255 : value;
        if (!(scaled >= 0 && scaled <= 255) || (encoding == NpmPixelEncoding.Bytes && scaled != Math.Floor(scaled)))
        {
            var expected = encoding == NpmPixelEncoding.Bytes ? "an integer 0..255" : "a fraction 0..1";
            throw new DatasetFormatException(path, $"pixel value {value} is not {expected}");
        }

        return (byte)Math.Round(scaled, MidpointRounding.AwayFromZero);
    }

    private static void Expect(bool condition, string path, string problem)
    {
        if (!condition)
        {
            throw new DatasetFormatException(path, problem);
        }
    }
}
