namespace SuperConvergence.Extensibility;

/// <summary>What a dataset is loaded with.</summary>
/// <param name="DataDirectory">The host's data directory: where a provider may keep files it generates or caches, in a folder of its own.</param>
/// <param name="Seed">
/// The same on every machine and for every trial, so every worker trains on the same samples: draw any randomness
/// of the data from it, never from the clock.
/// </param>
public sealed record DatasetContext(string DataDirectory, int Seed);
