namespace SuperConvergence.Training.Data;

/// <summary>`synthetic`: prototype-plus-noise images generated in memory, for tests and smoke runs without downloads.</summary>
public sealed class SyntheticDatasetDefinition : DatasetDefinition
{
    public const int TrainCount = 512;
    public const int TestCount = 256;
    private const ulong Seed = 0x53594E5448UL;

    public override string Name => "synthetic";

    public override ImageShape Shape => new(1, 12, 12);

    public override int ClassCount => 4;

    public override IReadOnlyList<string> RequiredFiles => [];

    public override bool IsCachedIn(string cacheDirectory) => true;

    public override DatasetSplits Load(string cacheDirectory)
    {
        var all = SyntheticImages.Generate(TrainCount + TestCount, Shape, ClassCount, Seed);
        var train = all.Select([.. Enumerable.Range(0, TrainCount)]);
        var test = all.Select([.. Enumerable.Range(TrainCount, TestCount)]);
        return new DatasetSplits(train, test);
    }
}
