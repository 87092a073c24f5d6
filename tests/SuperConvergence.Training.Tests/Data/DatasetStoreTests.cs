using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Formats;

namespace SuperConvergence.Training.Tests.Data;

public sealed class DatasetStoreTests
{
    [Fact]
    public void A_failed_load_is_not_remembered_so_files_placed_afterwards_are_read()
    {
        using var cache = TemporaryDirectory.Create();
        var store = new DatasetStore(cache.Path);

        Assert.Throws<DatasetNotCachedException>(() => store.Prepare("mnist", DataSelection.All));
        WriteMiniatureMnist(cache);
        var (_, data) = store.Prepare("mnist", DataSelection.All);

        Assert.Equal(3, data.Train.Count);
        Assert.Equal(2, data.Test.Count);
    }

    [Fact]
    public void A_successful_load_is_kept_for_the_next_run()
    {
        using var cache = TemporaryDirectory.Create();
        WriteMiniatureMnist(cache);
        var store = new DatasetStore(cache.Path);
        var first = store.Prepare("mnist", DataSelection.All).Data;

        Directory.Delete(Path.Combine(cache.Path, "mnist"), recursive: true);
        var second = store.Prepare("mnist", DataSelection.All).Data;

        Assert.Same(first.Train, second.Train);
    }

    private static void WriteMiniatureMnist(TemporaryDirectory cache)
    {
        IdxFile.Write(cache.File("mnist/" + IdxDatasetDefinition.TrainImages), new IdxArray([3, 2, 2], new byte[12]));
        IdxFile.Write(cache.File("mnist/" + IdxDatasetDefinition.TrainLabels), new IdxArray([3], [0, 1, 2]));
        IdxFile.Write(cache.File("mnist/" + IdxDatasetDefinition.TestImages), new IdxArray([2, 2, 2], new byte[8]));
        IdxFile.Write(cache.File("mnist/" + IdxDatasetDefinition.TestLabels), new IdxArray([2], [3, 4]));
    }
}
