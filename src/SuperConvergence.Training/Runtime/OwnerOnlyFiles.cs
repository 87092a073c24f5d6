namespace SuperConvergence.Training.Runtime;

/// <summary>
/// Creates the files and folders that hold a user's runs — grain state, checkpoints (model weights), the embedded
/// store — readable by their owner only: folders 0700, files 0600, whatever the process' umask. Checkpoints and
/// stores can hold models and data the user would not share with every account of a shared machine. Folders and
/// files that already exist keep the mode they have: the user may have opened them up on purpose.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> and any missing parents at 0700; existing ones are left as they are.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        var full = Path.GetFullPath(path);
        var parent = Path.GetDirectoryName(full);
        if (!Directory.Exists(full) && parent is not null && !Directory.Exists(parent))
        {
            CreateFolder(parent);
        }

        Directory.CreateDirectory(full, FolderMode);
    }

    /// <summary>A stream that creates <paramref name="path"/> (it must not exist) at 0600.</summary>
    public static FileStream CreateNew(string path, FileOptions options = FileOptions.None, int bufferSize = 1 << 16)
    {
        var streamOptions = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = options,
            BufferSize = bufferSize,
        };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = FileMode;
        }

        return new FileStream(path, streamOptions);
    }

    /// <summary>Writes <paramref name="content"/> to a new file at 0600 (replacing a leftover of the same name).</summary>
    public static void WriteAllBytes(string path, byte[] content)
    {
        File.Delete(path);
        using var stream = CreateNew(path);
        stream.Write(content);
    }

    /// <summary>Creates an empty file at 0600 unless one exists, so that a library opening it later (SQLite) keeps that mode.</summary>
    public static void EnsureFile(string path)
    {
        try
        {
            using var _ = CreateNew(path);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Already there: its mode is the user's.
        }
    }
}
