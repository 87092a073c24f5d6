namespace SuperConvergence.Training.Data.Plugins;

/// <summary>
/// A plugin's dataset once loaded: its reference text is its name (what trial configs carry), shape and classes are
/// the provider's, and the fingerprint of its samples goes into every checkpoint trained on it, so a provider that
/// makes other samples never resumes an old run.
/// </summary>
public sealed class PluginDatasetDefinition(PluginDatasetReference reference, string fingerprint, DatasetSplits splits) : DatasetDefinition
{
    public PluginDatasetReference Reference { get; } = reference;

    public DatasetSplits Splits { get; } = splits;

    public override string Name => Reference.DatasetName;

    public override string DisplayName => Reference.DisplayName;

    public override ImageShape Shape => Splits.Train.Shape;

    public override int ClassCount => Splits.Train.ClassCount;

    public override string? ContentFingerprint { get; } = fingerprint;

    public override IReadOnlyList<string> RequiredFiles => [];

    public override bool IsCachedIn(string cacheDirectory) => true;

    /// <summary>The splits the provider gave when this definition was made.</summary>
    public override DatasetSplits Load(string cacheDirectory) => Splits;
}
