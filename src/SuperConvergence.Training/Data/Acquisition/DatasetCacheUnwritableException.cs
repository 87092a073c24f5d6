namespace SuperConvergence.Training.Data.Acquisition;

/// <summary>The cache directory cannot take the dataset's files, so no source is worth trying.</summary>
public sealed class DatasetCacheUnwritableException(string directory, string problem)
    : IOException($"cannot write the dataset cache {directory}: {problem}")
{
    public string Directory { get; } = directory;

    public string Problem { get; } = problem;
}
