using SuperConvergence.Training.Data;

namespace SuperConvergence.Training.Tests.Data;

public sealed class DataSelectionTests
{
    private static readonly DatasetSplits Splits = new(
        TestImages.Patterned(100, new ImageShape(1, 1, 2)),
        TestImages.Patterned(40, new ImageShape(1, 1, 2)));

    [Fact]
    public void Validation_is_carved_from_train_without_overlap()
    {
        var prepared = new DataSelection(ValidationCount: 20).Apply(Splits);

        Assert.Equal(80, prepared.Train.Count);
        Assert.Equal(20, prepared.Validation!.Count);
        Assert.Equal(40, prepared.Test.Count);
        Assert.Same(prepared.Validation, prepared.AccuracyProbe);
        // Patterned images differ in their first pixel pair, so pixel pairs identify images.
        var trainImages = Pairs(prepared.Train);
        Assert.Empty(Pairs(prepared.Validation).Intersect(trainImages));
    }

    [Fact]
    public void Subsets_take_the_first_images_and_the_test_set_is_the_probe_without_validation()
    {
        var prepared = new DataSelection(TrainSubset: 10, TestSubset: 5).Apply(Splits);

        Assert.Equal(10, prepared.Train.Count);
        Assert.Equal(5, prepared.Test.Count);
        Assert.Null(prepared.Validation);
        Assert.Same(prepared.Test, prepared.AccuracyProbe);
        Assert.Equal(Splits.Train.Pixels[..20], prepared.Train.Pixels);
    }

    [Fact]
    public void A_validation_set_as_large_as_train_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataSelection(ValidationCount: 100).Apply(Splits));
    }

    private static HashSet<(byte, byte)> Pairs(LabelledImages images) =>
        [.. Enumerable.Range(0, images.Count).Select(i => (images.Pixels[2 * i], images.Pixels[(2 * i) + 1]))];
}
