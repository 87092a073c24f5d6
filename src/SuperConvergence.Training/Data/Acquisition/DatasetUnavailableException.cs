namespace SuperConvergence.Training.Data.Acquisition;

/// <summary>Every source failed: says what was tried, why each failed, and how to place the files by hand.</summary>
public sealed class DatasetUnavailableException(string dataset, IReadOnlyList<string> attempts, string manualInstructions)
    : Exception($"could not obtain dataset '{dataset}': {string.Join("; ", attempts)}")
{
    public string Dataset { get; } = dataset;

    public IReadOnlyList<string> Attempts { get; } = attempts;

    public string ManualInstructions { get; } = manualInstructions;
}
