using SuperConvergence.Extensibility;
using SuperConvergence.Training.Plugins;

namespace SuperConvergence.Training.Data.Plugins;

/// <summary>
/// Datasets from users' plugin assemblies (<see cref="PluginDatasetReference"/>): the assembly loaded once per process
/// (<see cref="PluginAssemblies"/>), its provider asked for the samples, and what it gave checked before anything
/// trains on it. Every refusal is a <see cref="DatasetFormatException"/> whose problem names what is wrong in one line.
/// </summary>
public static class PluginDatasets
{
    /// <summary>The largest class count a label byte holds.</summary>
    public const int MaxClasses = 256;

    /// <summary>The plugin's dataset, ready to train on, with <paramref name="dataDirectory"/> as the provider's to use.</summary>
    public static PluginDatasetDefinition Load(PluginDatasetReference reference, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(reference);
        IDatasetProvider provider;
        try
        {
            provider = PluginAssemblies.Create<IDatasetProvider>(reference.AssemblyPath, reference.TypeName, "dataset providers");
        }
        catch (PluginLoadException e)
        {
            throw new DatasetFormatException(reference.DatasetName, e.Message, e.InnerException);
        }

        ProvidedDataset? provided;
        try
        {
            provided = provider.Load(new DatasetContext(dataDirectory, PluginDatasetReference.Seed));
        }
        catch (Exception e)
        {
            throw new DatasetFormatException(reference.DatasetName, $"fails to load: {e.GetType().Name}: {ModelFit.OneLine(e.Message)}", e);
        }

        if (provided is null)
        {
            throw new DatasetFormatException(reference.DatasetName, $"gives no dataset: {reference.TypeName}.Load returned null");
        }

        var shape = Shape(reference, provided);
        var train = Samples(reference, "train", provided.Train, shape, provided.ClassCount);
        var test = Samples(reference, "test", provided.Test, shape, provided.ClassCount);
        var splits = new DatasetSplits(train, test, Statistics: ChannelStatistics.Of(train));
        return new PluginDatasetDefinition(reference, Fingerprint(train, test), splits);
    }

    /// <summary>Why the plugin's dataset cannot be trained on; null when it can. Costs one load.</summary>
    public static string? Problem(PluginDatasetReference reference, string dataDirectory)
    {
        try
        {
            Load(reference, dataDirectory);
            return null;
        }
        catch (DatasetFormatException e)
        {
            return e.Problem;
        }
    }

    private static ImageShape Shape(PluginDatasetReference reference, ProvidedDataset provided)
    {
        if (provided.Channels < 1 || provided.Height < 1 || provided.Width < 1 || (long)provided.Channels * provided.Height * provided.Width > DatasetReference.MaxSampleElements)
        {
            throw new DatasetFormatException(reference.DatasetName, string.Create(CultureInfo.InvariantCulture,
                $"gives samples of {provided.Channels}×{provided.Height}×{provided.Width}: each dimension must be at least 1, and a sample at most {DatasetReference.MaxSampleElements} values"));
        }

        if (provided.ClassCount is < 2 or > MaxClasses)
        {
            throw new DatasetFormatException(reference.DatasetName, string.Create(CultureInfo.InvariantCulture, $"gives {provided.ClassCount} classes: there must be 2 to {MaxClasses}"));
        }

        return new ImageShape(provided.Channels, provided.Height, provided.Width);
    }

    private static LabelledImages Samples(PluginDatasetReference reference, string split, SampleSet? set, ImageShape shape, int classCount)
    {
        if (set?.Features is null || set.Labels is null)
        {
            throw new DatasetFormatException(reference.DatasetName, $"gives no {split} set: its features and labels must both be arrays");
        }

        if (set.Labels.Length == 0)
        {
            throw new DatasetFormatException(reference.DatasetName, $"gives an empty {split} set");
        }

        if (set.Features.LongLength != (long)set.Labels.Length * shape.PixelsPerImage)
        {
            throw new DatasetFormatException(reference.DatasetName, string.Create(CultureInfo.InvariantCulture,
                $"gives {split} features and labels of different lengths: {set.Labels.Length} labels need {(long)set.Labels.Length * shape.PixelsPerImage} values of {shape.Channels}×{shape.Height}×{shape.Width} samples, the features hold {set.Features.LongLength}"));
        }

        var labels = new byte[set.Labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = set.Labels[i] is var label && label >= 0 && label < classCount
                ? (byte)label
                : throw new DatasetFormatException(reference.DatasetName, string.Create(CultureInfo.InvariantCulture, $"gives {split} label {label} for sample {i}: labels must lie in 0…{classCount - 1}"));
        }

        var bad = Array.FindIndex(set.Features, value => !float.IsFinite(value));
        if (bad >= 0)
        {
            throw new DatasetFormatException(reference.DatasetName, string.Create(CultureInfo.InvariantCulture,
                $"gives a non-finite {split} value ({set.Features[bad]}) in sample {bad / shape.PixelsPerImage}"));
        }

        return new LabelledImages(shape, classCount, (float[])set.Features.Clone(), labels);
    }

    /// <summary>A digest of every sample and label, so a provider that gives other data is another dataset to checkpoints.</summary>
    private static string Fingerprint(LabelledImages train, LabelledImages test)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var set in new[] { train, test })
        {
            hash.AppendData(BitConverter.GetBytes(set.Count));
            hash.AppendData(MemoryMarshal.AsBytes(set.Features!.AsSpan()));
            hash.AppendData(set.Labels);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
