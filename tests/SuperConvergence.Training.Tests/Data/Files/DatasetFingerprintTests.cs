using System.Text.Json;
using SuperConvergence.Core.Datasets;
using SuperConvergence.Testing.Datasets;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data.Files;

namespace SuperConvergence.Training.Tests.Data.Files;

public sealed class DatasetFingerprintTests
{
    [Fact]
    public void Editing_renaming_adding_or_removing_a_file_changes_the_fingerprint()
    {
        using var folder = new TemporaryDirectory("sc-fingerprint");
        var root = Path.Combine(folder.Path, "images");
        TestDatasets.WriteImageFolder(root, classes: 2, perClass: 2, width: 4, height: 4, seed: 1);
        var original = DatasetFingerprint.Of(root);
        var image = Path.Combine(root, "class-0", "img-000.png");
        var bytes = File.ReadAllBytes(image);

        Assert.Equal(original, DatasetFingerprint.Of(root));
        Assert.Matches("^[0-9a-f]{16}$", original);

        // Same size, one byte different, modification time kept: still detected when the cache is cold.
        var modified = File.GetLastWriteTimeUtc(image);
        var edited = (byte[])bytes.Clone();
        edited[^5] ^= 0xFF;
        File.WriteAllBytes(image, edited);
        File.Delete(new DatasetCacheFile(root).Path);
        File.SetLastWriteTimeUtc(image, modified);
        var afterEdit = DatasetFingerprint.Of(root);
        Assert.NotEqual(original, afterEdit);

        File.WriteAllBytes(image, bytes);
        Assert.Equal(original, DatasetFingerprint.Of(root));

        File.Move(image, Path.Combine(root, "class-0", "renamed.png"));
        var afterRename = DatasetFingerprint.Of(root);
        Assert.NotEqual(original, afterRename);

        File.Move(Path.Combine(root, "class-0", "renamed.png"), image);
        File.WriteAllBytes(Path.Combine(root, "class-1", "extra.png"), bytes);
        var afterAdd = DatasetFingerprint.Of(root);
        Assert.NotEqual(original, afterAdd);

        File.Delete(Path.Combine(root, "class-1", "extra.png"));
        Assert.Equal(original, DatasetFingerprint.Of(root));
    }

    [Fact]
    public void Unchanged_files_reuse_their_cached_digest_and_changed_ones_are_hashed_again()
    {
        using var folder = new TemporaryDirectory("sc-fingerprint");
        var path = folder.File("blobs.csv");
        TestDatasets.WriteBlobsCsv(path, count: 10, features: 2, classes: 2, seed: 1);
        var cache = new DatasetCacheFile(path);
        var honest = DatasetFingerprint.Of(path, cache);
        Assert.Equal(path + DatasetCacheFile.Suffix, cache.Path);

        // A digest planted in the cache under the file's size and time is believed: proof the file is not read again.
        var planted = cache.Read() with { Files = [cache.Read().Files[0] with { Sha256 = new string('0', 64) }] };
        cache.Write(planted);
        var fromCache = DatasetFingerprint.Of(path, cache);
        Assert.NotEqual(honest, fromCache);

        // Touching the file (a new modification time) makes the cached digest stale: it is hashed again.
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(1));
        Assert.Equal(honest, DatasetFingerprint.Of(path, cache));
    }

    [Fact]
    public void The_statistics_are_computed_once_and_read_from_the_cache_under_the_fingerprint()
    {
        using var folder = new TemporaryDirectory("sc-statistics");
        var path = folder.File("blobs.npz");
        TestDatasets.WriteBlobsNpz(path, count: 40, features: 3, classes: 2, seed: 1);
        var reference = new DatasetReference(path, DatasetFileFormat.Npz);
        var cache = new DatasetCacheFile(path);

        var first = FileDatasets.Load(reference);
        var cached = Assert.Single(cache.Read().Statistics);
        Assert.Equal($"{first.ContentFingerprint}|{reference}", cached.Key);
        Assert.Equal(first.Splits.Statistics!.Mean, cached.Mean);
        Assert.Equal(3, cached.StandardDeviation.Length);

        // Statistics planted under the same key are used as they are: they are not computed again.
        cache.Write(cache.Read() with { Statistics = [cached with { Mean = [1, 2, 3] }] });
        Assert.Equal([1.0, 2, 3], FileDatasets.Load(reference).Splits.Statistics!.Mean);

        // Other content is another key: computed afresh and cached beside the old entry.
        TestDatasets.WriteBlobsNpz(path, count: 40, features: 3, classes: 2, seed: 2);
        var changed = FileDatasets.Load(reference);
        Assert.NotEqual(first.ContentFingerprint, changed.ContentFingerprint);
        Assert.NotEqual([1.0, 2, 3], changed.Splits.Statistics!.Mean);
        Assert.Equal(2, cache.Read().Statistics.Count);
        using var json = JsonDocument.Parse(File.ReadAllText(cache.Path));
        Assert.Equal(changed.ContentFingerprint, json.RootElement.GetProperty("fingerprint").GetString());
    }
}
