namespace SuperConvergence.Training.Data.Files;

/// <summary>
/// The arrays of a NumPy dataset, by name: the members of an .npz archive (a zip of .npy files, stored or deflated, as
/// numpy.savez and savez_compressed write it), or the .npy files of a folder.
/// </summary>
public static class NumPyArrays
{
    public static IReadOnlyDictionary<string, NpyArray> ReadArchive(string path)
    {
        if (!File.Exists(path))
        {
            throw new DatasetFormatException(path, "file not found");
        }

        var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
        try
        {
            using var archive = ZipFile.OpenRead(path);
            foreach (var entry in archive.Entries.Where(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal)))
            {
                var name = entry.FullName[..^".npy".Length];
                using var member = entry.Open();
                arrays[name] = NpyFile.Read(member, $"{path}!{entry.FullName}", name);
            }
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException(path, $"is not a readable .npz (zip) archive: {e.Message}", e);
        }

        return arrays;
    }

    public static IReadOnlyDictionary<string, NpyArray> ReadFolder(string path)
    {
        if (!Directory.Exists(path))
        {
            throw new DatasetFormatException(path, "folder not found");
        }

        return Directory.EnumerateFiles(path, "*.npy").Order(StringComparer.Ordinal)
            .Select(NpyFile.Read)
            .ToDictionary(array => array.Name, StringComparer.Ordinal);
    }
}
