using SkiaSharp;

namespace SuperConvergence.Training.Data.Files;

/// <summary>
/// Reads a folder of images, one subfolder per class (or train/, val/ and test/ folders, each of class subfolders):
/// PNG and JPEG decoded with SkiaSharp, resized to the requested height × width (Mitchell cubic resampling), kept as
/// RGB or converted to grey (ITU-R BT.601 luma). A file that does not decode and a class folder without images are
/// problems naming the path; the images that do decode are still counted, so `sc data inspect` shows everything.
/// </summary>
public static class ImageFolderReader
{
    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg"];
    private static readonly string[] ValidationFolders = ["val", "validation"];

    /// <summary>Reads the folder; without a shape, images are read as RGB at the most common size found.</summary>
    public static FileDatasetContent Read(string root, ImageShape? shape)
    {
        if (!Directory.Exists(root))
        {
            throw new DatasetFormatException(root, File.Exists(root) ? "is a file, not a folder of class subfolders" : "does not exist");
        }

        var splitFolders = SplitFolders(root);
        var classes = splitFolders.Values
            .SelectMany(folder => Subfolders(folder).Select(Path.GetFileName))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(name => name!).ToList();
        var problems = new List<DatasetProblem>();
        if (classes.Count < 2)
        {
            throw new DatasetFormatException(root, $"holds {classes.Count} class folder(s); an image folder needs one subfolder per class, at least two");
        }

        var files = new Dictionary<string, List<(string File, int Label)>>(StringComparer.Ordinal);
        foreach (var (split, folder) in splitFolders)
        {
            var members = new List<(string, int)>();
            for (var label = 0; label < classes.Count; label++)
            {
                var classFolder = Path.Combine(folder, classes[label]);
                var images = Directory.Exists(classFolder)
                    ? Directory.EnumerateFiles(classFolder).Where(IsImage).Order(StringComparer.Ordinal).ToList()
                    : [];
                if (images.Count == 0 && (split != SplitNames.Validation || Directory.Exists(classFolder)))
                {
                    problems.Add(new DatasetProblem(classFolder, "class folder holds no PNG or JPEG images"));
                }

                members.AddRange(images.Select(image => (image, label)));
            }

            files[split] = members;
        }

        var sizes = new Dictionary<(int Width, int Height), int>();
        var readable = new Dictionary<string, List<(string File, int Label)>>(StringComparer.Ordinal);
        foreach (var (split, members) in files)
        {
            readable[split] = [];
            foreach (var member in members)
            {
                if (Probe(member.File, problems) is { } size)
                {
                    sizes[size] = sizes.GetValueOrDefault(size) + 1;
                    readable[split].Add(member);
                }
            }
        }

        var common = sizes.Count == 0 ? (Width: 1, Height: 1) : sizes.MaxBy(entry => entry.Value).Key;
        var target = shape ?? new ImageShape(3, common.Height, common.Width);
        var splits = new Dictionary<string, LabelledImages>(StringComparer.Ordinal);
        foreach (var (split, members) in readable)
        {
            var decoded = members.Select(member => (Pixels: Decode(member.File, target, problems), member.Label)).Where(d => d.Pixels is not null).ToList();
            splits[split] = new LabelledImages(
                target, classes.Count, [.. decoded.SelectMany(d => d.Pixels!)], [.. decoded.Select(d => (byte)d.Label)]);
        }

        var notes = new List<string>
        {
            $"image sizes found: {string.Join(", ", sizes.OrderByDescending(s => s.Value).Take(5).Select(s => $"{s.Key.Width}x{s.Key.Height} ({s.Value})"))}" +
                (sizes.Count > 5 ? $" and {sizes.Count - 5} more" : ""),
            $"resized to {target} (channels x height x width){(shape is null ? " — the most common size, in RGB; give a shape to choose" : "")}",
        };
        return new FileDatasetContent(target, classes, splits, problems, notes);
    }

    /// <summary>train/ with val/ (or validation/) and test/ when the folder has them; otherwise the folder itself, unsplit.</summary>
    private static Dictionary<string, string> SplitFolders(string root)
    {
        var train = Path.Combine(root, "train");
        if (!Directory.Exists(train))
        {
            return new(StringComparer.Ordinal) { [SplitNames.All] = root };
        }

        var test = Path.Combine(root, "test");
        if (!Directory.Exists(test))
        {
            throw new DatasetFormatException(root, "holds train/ but no test/; a given split needs both (val/ is optional), or drop train/ for our stratified split");
        }

        var folders = new Dictionary<string, string>(StringComparer.Ordinal) { [SplitNames.Train] = train, [SplitNames.Test] = test };
        if (ValidationFolders.Select(name => Path.Combine(root, name)).FirstOrDefault(Directory.Exists) is { } validation)
        {
            folders[SplitNames.Validation] = validation;
        }

        return folders;
    }

    private static IEnumerable<string> Subfolders(string folder) =>
        Directory.EnumerateDirectories(folder).Where(path => !Path.GetFileName(path).StartsWith('.'));

    private static bool IsImage(string file) =>
        !Path.GetFileName(file).StartsWith('.') && ImageExtensions.Contains(Path.GetExtension(file).ToLowerInvariant());

    /// <summary>The image's size from its header; null (and a problem) when it is not an image SkiaSharp reads.</summary>
    private static (int Width, int Height)? Probe(string file, List<DatasetProblem> problems)
    {
        using var codec = SKCodec.Create(file, out var result);
        if (codec is null)
        {
            problems.Add(new DatasetProblem(file, $"cannot be decoded as a PNG or JPEG image ({result})"));
            return null;
        }

        return (codec.Info.Width, codec.Info.Height);
    }

    /// <summary>C×H×W bytes of the image resized to <paramref name="shape"/>; null (and a problem) when it does not decode whole.</summary>
    private static byte[]? Decode(string file, ImageShape shape, List<DatasetProblem> problems)
    {
        using var codec = SKCodec.Create(file);
        if (codec is null)
        {
            problems.Add(new DatasetProblem(file, "cannot be decoded as a PNG or JPEG image"));
            return null;
        }

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var full = new SKBitmap(info);
        var result = codec.GetPixels(info, full.GetPixels());
        if (result != SKCodecResult.Success)
        {
            problems.Add(new DatasetProblem(file, $"is corrupt or truncated: decoding stopped with {result}"));
            return null;
        }

        using var resized = full.Resize(new SKImageInfo(shape.Width, shape.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        if (resized is null)
        {
            problems.Add(new DatasetProblem(file, $"cannot be resized to {shape.Height}x{shape.Width}"));
            return null;
        }

        var rgba = resized.GetPixelSpan();
        var plane = shape.Height * shape.Width;
        var pixels = new byte[shape.PixelsPerImage];
        for (var y = 0; y < shape.Height; y++)
        {
            for (var x = 0; x < shape.Width; x++)
            {
                var source = (y * resized.RowBytes) + (x * 4);
                var at = (y * shape.Width) + x;
                if (shape.Channels == 1)
                {
                    pixels[at] = (byte)Math.Round((0.299 * rgba[source]) + (0.587 * rgba[source + 1]) + (0.114 * rgba[source + 2]));
                }
                else
                {
                    pixels[at] = rgba[source];
                    pixels[plane + at] = rgba[source + 1];
                    pixels[(2 * plane) + at] = rgba[source + 2];
                }
            }
        }

        return pixels;
    }
}
