using SuperConvergence.Extensibility;

namespace SuperConvergence.Fixtures.BrokenPlugin;

/// <summary>A dataset provider whose training features hold fewer samples than its labels.</summary>
public sealed class MismatchedLengths : IDatasetProvider
{
    public ProvidedDataset Load(DatasetContext context) =>
        new(Channels: 2, Height: 1, Width: 1, ClassCount: 2, new SampleSet(new float[10], new int[6]), new SampleSet(new float[4], new int[2]));
}
