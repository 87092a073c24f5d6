namespace SuperConvergence.Training.Data;

/// <summary>A named dataset whose files are not in the cache directory.</summary>
public sealed class DatasetNotCachedException(string dataset, string missingPath)
    : Exception($"dataset '{dataset}' is not in the cache: {missingPath} does not exist; run `sc data get {dataset}`")
{
    public string Dataset { get; } = dataset;

    public string MissingPath { get; } = missingPath;
}
