using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Training.Data.Files;

/// <summary>
/// What a sweep or run on a user's dataset needs before any trial starts: a path this process can read, and a model
/// that fits the samples (a CSV holds feature vectors, which only the MLP takes). Cheap checks only: the files are
/// read, and their problems reported, when the first trial loads them.
/// </summary>
public static class UserDatasetRequirements
{
    public static IReadOnlyList<SweepSpecError> Problems(DatasetReference reference, string model)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var problems = new List<SweepSpecError>();
        if (Unreadable(reference.Path) is { } problem)
        {
            problems.Add(new SweepSpecError("dataset.path", $"'{reference.Path}'", problem));
        }

        var featureVectors = reference.Format == DatasetFileFormat.Csv || reference.Shape is { IsFeatureVector: true };
        if (featureVectors && ModelCatalog.IsConvolutional(model))
        {
            problems.Add(new SweepSpecError("model", $"'{model}'", $"convolves images, but dataset '{reference.DisplayName}' holds feature vectors; use model {ModelCatalog.Mlp}"));
        }

        return problems;
    }

    /// <summary>Why this process cannot read <paramref name="path"/>; null when it can.</summary>
    public static string? Unreadable(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                using var stream = File.OpenRead(path);
                return null;
            }

            if (Directory.Exists(path))
            {
                using var entries = Directory.EnumerateFileSystemEntries(path).GetEnumerator();
                entries.MoveNext();
                return null;
            }

            return $"does not exist (relative paths are read from the working directory, {Environment.CurrentDirectory})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {e.Message.ReplaceLineEndings(" ")}";
        }
    }
}
