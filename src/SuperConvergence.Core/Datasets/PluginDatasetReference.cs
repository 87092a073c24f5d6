namespace SuperConvergence.Core.Datasets;

/// <summary>
/// A dataset from a user's .NET plugin: the assembly's path (as the worker silos see it: absolute, or relative to their
/// working directory) and the full name of its dataset provider type. Travels in a trial's config as the dataset name's
/// text form <c>plugin:PATH#TYPE</c>, as a plugin model does (<c>Core.Trials.PluginModelReference</c>), which specs
/// (<c>dataset: {plugin: PATH, type: TYPE}</c>) and reports share.
/// </summary>
public sealed record PluginDatasetReference(string AssemblyPath, string TypeName)
{
    public const string Prefix = PluginReferenceText.Prefix;

    /// <summary>The seed every load of a plugin's dataset gets: the data must not differ between workers or trials.</summary>
    public const int Seed = 1;

    /// <summary>The dataset name this reference travels as.</summary>
    public string DatasetName => PluginReferenceText.Format(AssemblyPath, TypeName);

    /// <summary>How messages name the dataset: its provider type's short name.</summary>
    public string DisplayName => TypeName[(TypeName.LastIndexOf('.') + 1)..];

    /// <summary>The reference a dataset name stands for; null for any other dataset's name.</summary>
    /// <exception cref="FormatException">The name starts with <c>plugin:</c> but names no path or no type.</exception>
    public static PluginDatasetReference? Parse(string datasetName) =>
        PluginReferenceText.Parse(datasetName, "dataset provider") is { } text ? new PluginDatasetReference(text.AssemblyPath, text.TypeName) : null;

    public override string ToString() => DatasetName;
}
