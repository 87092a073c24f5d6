using SuperConvergence.Training.Data.Formats;

namespace SuperConvergence.Training.Data;

/// <summary>CIFAR-10 from its binary batches: five training batches and one test batch of 32×32 colour images.</summary>
public sealed class Cifar10DatasetDefinition : DatasetDefinition
{
    public const string BatchDirectory = "cifar-10-batches-bin";

    private static readonly string[] TrainBatches =
        [.. Enumerable.Range(1, 5).Select(i => Path.Combine(BatchDirectory, $"data_batch_{i}.bin"))];

    private static readonly string TestBatch = Path.Combine(BatchDirectory, "test_batch.bin");

    public override string Name => "cifar10";

    public override ImageShape Shape => Cifar10BatchFile.Shape;

    public override int ClassCount => Cifar10BatchFile.ClassCount;

    /// <summary>The standard CIFAR recipe of the ResNet and super-convergence papers: 4-pixel padding, random crop, flip.</summary>
    public override Augmentation TrainingAugmentation { get; } = new(CropPadding: 4, HorizontalFlip: true);

    public override IReadOnlyList<string> RequiredFiles { get; } = [.. TrainBatches, TestBatch];

    public override DatasetSplits Load(string cacheDirectory)
    {
        var train = LabelledImages.Concatenate([.. TrainBatches.Select(batch => Cifar10BatchFile.Read(Require(cacheDirectory, batch)))]);
        var test = Cifar10BatchFile.Read(Require(cacheDirectory, TestBatch));
        return new DatasetSplits(train, test);
    }
}
