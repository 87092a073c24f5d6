namespace SuperConvergence.Training.Data;

/// <summary>The datasets `--dataset` accepts.</summary>
public static class DatasetCatalog
{
    public static IReadOnlyList<DatasetDefinition> All { get; } =
    [
        new IdxDatasetDefinition("mnist"),
        new IdxDatasetDefinition("fashion-mnist"),
        new Cifar10DatasetDefinition(),
        new SyntheticDatasetDefinition(),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(d => d.Name)];

    public static DatasetDefinition? Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The named dataset; an ArgumentException naming the known ones otherwise.</summary>
    public static DatasetDefinition Get(string name) =>
        Find(name) ?? throw new ArgumentException($"unknown dataset '{name}'; known: {string.Join(", ", Names)}", nameof(name));
}
