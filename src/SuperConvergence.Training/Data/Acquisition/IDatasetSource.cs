namespace SuperConvergence.Training.Data.Acquisition;

/// <summary>One way of obtaining a dataset's files (an official download, a package fallback).</summary>
public interface IDatasetSource
{
    /// <summary>What this source is, for progress and for the list of what was tried.</summary>
    string Description { get; }

    /// <summary>
    /// Places the dataset's files in <paramref name="datasetDirectory"/> and says where they came from; throws
    /// <see cref="DatasetSourceException"/> (or an I/O or HTTP error) when this source cannot deliver.
    /// </summary>
    Task<DatasetProvenance> FetchAsync(string datasetDirectory, IProgress<string> progress, CancellationToken cancellationToken);
}

/// <summary>A source that could not deliver, with the reason in words a user can act on.</summary>
public sealed class DatasetSourceException(string message, Exception? inner = null) : Exception(message, inner);
