using SuperConvergence.Core.Datasets;
using SuperConvergence.Testing.Datasets;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Files;

namespace SuperConvergence.Training.Tests.Data.Files;

public sealed class FileDatasetSplitTests
{
    private static (FileDatasetContent Content, DatasetReference Reference) Blobs(TemporaryDirectory folder, double validation, double test, int seed)
    {
        var path = Path.Combine(folder.Path, "blobs.csv");
        if (!File.Exists(path))
        {
            // Unbalanced on purpose: 50, 30 and 20 samples of the three classes.
            TestDatasets.WriteBlobsCsv(path, count: 60, features: 2, classes: 3, seed: 4);
            File.AppendAllLines(path, Enumerable.Range(0, 40).Select(i => i < 30 ? $"{i},{i},class-0" : $"{i},{-i},class-1"));
        }

        var reference = new DatasetReference(path, DatasetFileFormat.Csv, ValidationFraction: validation, TestFraction: test, SplitSeed: seed);
        return (FileDatasets.ReadContent(reference), reference);
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        using var folder = new TemporaryDirectory("sc-split");
        var (content, reference) = Blobs(folder, 0.1, 0.2, seed: 7);

        var first = FileDatasets.Split(content, reference);
        var again = FileDatasets.Split(FileDatasets.ReadContent(reference), reference);
        var other = FileDatasets.Split(content, reference with { SplitSeed = 8 });

        Assert.Equal(first.Test.Features!, again.Test.Features!);
        Assert.Equal(first.Validation!.Features!, again.Validation!.Features!);
        Assert.Equal(first.Train.Labels, again.Train.Labels);
        Assert.NotEqual(first.Test.Features!, other.Test.Features!);
    }

    [Fact]
    public void Every_class_keeps_its_proportion_in_train_validation_and_test()
    {
        using var folder = new TemporaryDirectory("sc-split");
        var (content, reference) = Blobs(folder, 0.1, 0.2, seed: 1);

        var splits = FileDatasets.Split(content, reference);

        int[] Counts(LabelledImages set) => [.. Enumerable.Range(0, 3).Select(c => set.Labels.Count(l => l == c))];
        Assert.Equal([10, 6, 4], Counts(splits.Test));
        Assert.Equal([5, 3, 2], Counts(splits.Validation!));
        Assert.Equal([35, 21, 14], Counts(splits.Train));
        Assert.Equal(100, splits.Train.Count + splits.Validation!.Count + splits.Test.Count);
    }

    [Fact]
    public void No_validation_fraction_leaves_no_validation_set()
    {
        using var folder = new TemporaryDirectory("sc-split");
        var (content, reference) = Blobs(folder, 0, 0.3, seed: 1);

        var splits = FileDatasets.Split(content, reference);

        Assert.Null(splits.Validation);
        Assert.Equal(30, splits.Test.Count);
        Assert.Equal(70, splits.Train.Count);
    }
}
