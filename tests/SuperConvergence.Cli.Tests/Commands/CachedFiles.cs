using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Formats;

namespace SuperConvergence.Cli.Tests.Commands;

/// <summary>Files the commands read or are pointed at, written by hand into a test's directory.</summary>
internal static class CachedFiles
{
    /// <summary>MNIST as a user could place it by hand: 28×28 blank images; returns the training images' path.</summary>
    public static string WriteMnist(TemporaryDirectory cache, int trainImages = 1)
    {
        var images = cache.File("mnist/" + IdxDatasetDefinition.TrainImages);
        IdxFile.Write(images, new IdxArray([trainImages, 28, 28], new byte[trainImages * 784]));
        IdxFile.Write(cache.File("mnist/" + IdxDatasetDefinition.TrainLabels), new IdxArray([trainImages], [.. Enumerable.Range(0, trainImages).Select(i => (byte)(i % 10))]));
        IdxFile.Write(cache.File("mnist/" + IdxDatasetDefinition.TestImages), new IdxArray([1, 28, 28], new byte[784]));
        IdxFile.Write(cache.File("mnist/" + IdxDatasetDefinition.TestLabels), new IdxArray([1], [4]));
        return images;
    }

    /// <summary>
    /// A path beneath a regular file (which holds "keep me"): nothing can be created there, not even by root, whom
    /// permissions do not stop.
    /// </summary>
    public static (string Path, string File) BeneathAFile(TemporaryDirectory directory, string name)
    {
        var file = directory.File("notes.txt");
        System.IO.File.WriteAllText(file, "keep me");
        return (System.IO.Path.Combine(file, name), file);
    }
}
