using SuperConvergence.Training.Data.Formats;

namespace SuperConvergence.Training.Data;

/// <summary>MNIST and Fashion-MNIST: 28×28 grey images, ten classes, four IDX files.</summary>
public sealed class IdxDatasetDefinition(string name) : DatasetDefinition
{
    public const string TrainImages = "train-images-idx3-ubyte.gz";
    public const string TrainLabels = "train-labels-idx1-ubyte.gz";
    public const string TestImages = "t10k-images-idx3-ubyte.gz";
    public const string TestLabels = "t10k-labels-idx1-ubyte.gz";

    public override string Name { get; } = name;

    public override ImageShape Shape => new(1, 28, 28);

    public override int ClassCount => 10;

    public override IReadOnlyList<string> RequiredFiles { get; } = [TrainImages, TrainLabels, TestImages, TestLabels];

    public override DatasetSplits Load(string cacheDirectory)
    {
        var train = IdxImageSet.Read(Require(cacheDirectory, TrainImages), Require(cacheDirectory, TrainLabels), ClassCount);
        var test = IdxImageSet.Read(Require(cacheDirectory, TestImages), Require(cacheDirectory, TestLabels), ClassCount);
        return new DatasetSplits(train, test);
    }
}
