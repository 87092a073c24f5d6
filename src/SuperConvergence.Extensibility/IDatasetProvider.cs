namespace SuperConvergence.Extensibility;

/// <summary>
/// A dataset the trainer can train on like its own: train and test samples as float32 arrays (N × channels × height ×
/// width, row-major) with a class label each. The host normalises them per channel with the training set's statistics,
/// shuffles and batches them; a spec's <c>data</c> subsets and validation carving apply as to any dataset.
/// Implementations need a public parameterless constructor; the host calls <see cref="Load"/> once per process and
/// path, and once more before a sweep starts to check what it returns.
/// </summary>
public interface IDatasetProvider
{
    ProvidedDataset Load(DatasetContext context);
}
