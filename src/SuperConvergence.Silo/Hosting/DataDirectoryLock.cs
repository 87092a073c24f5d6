namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// One owner per embedded data directory: its SQLite store and checkpoints belong to one silo at a time, and a
/// second process writing them beside the first would interleave two clusters' sweeps in one store. Held as an
/// exclusive lock on DATA/superconvergence.lock for as long as the owner lives; the kernel drops it when the process
/// ends, however it ends (SIGKILL included), so a crash never leaves a stale lock. Who holds it (process id, command
/// line, since when) is written beside it, for the message the next process prints.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "superconvergence.lock";
    public const string HolderFileName = "superconvergence.lock.holder";

    private readonly FileStream _lock;

    private DataDirectoryLock(string directory, FileStream held)
    {
        DataDirectory = directory;
        _lock = held;
    }

    public string DataDirectory { get; }

    /// <summary>Takes the lock of <paramref name="dataDirectory"/> (creating it for its owner only), or throws naming who has it.</summary>
    /// <exception cref="DataDirectoryInUseException">Another live process holds it.</exception>
    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        var directory = Path.GetFullPath(dataDirectory);
        OwnerOnlyFiles.CreateFolder(directory);
        FileStream held;
        try
        {
            // FileShare.None is an exclusive flock on Unix: a second opener fails at once instead of waiting.
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnlyFiles.FileMode;
            }

            held = new FileStream(Path.Combine(directory, FileName), options);
        }
        catch (IOException)
        {
            throw new DataDirectoryInUseException(directory, ReadHolder(directory));
        }

        var holder = string.Create(
            CultureInfo.InvariantCulture,
            $"process {Environment.ProcessId} ({CommandLine()}) since {DateTime.Now:yyyy-MM-dd HH:mm:ss}");
        var holderPath = Path.Combine(directory, HolderFileName);
        File.Delete(holderPath);
        OwnerOnlyFiles.WriteAllBytes(holderPath, System.Text.Encoding.UTF8.GetBytes(holder));
        return new DataDirectoryLock(directory, held);
    }

    public void Dispose()
    {
        File.Delete(Path.Combine(DataDirectory, HolderFileName));
        _lock.Dispose();
    }

    private static string ReadHolder(string directory)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(directory, HolderFileName)).Trim();
            return text.Length > 0 ? text : "another process";
        }
        catch (IOException)
        {
            return "another process";
        }
    }

    /// <summary>The holder's command line, `sc.dll` or the apphost shown as its name, any password masked.</summary>
    private static string CommandLine()
    {
        var arguments = Environment.GetCommandLineArgs();
        return Persistence.ConnectionStrings.RedactMessage(string.Join(' ', [Path.GetFileNameWithoutExtension(arguments[0]), .. arguments.Skip(1)]));
    }
}

/// <summary>An embedded data directory another live process owns; Holder says which, from what it wrote there.</summary>
public sealed class DataDirectoryInUseException(string directory, string holder)
    : Exception($"'{directory}' is in use by {holder}")
{
    public string DataDirectory { get; } = directory;

    public string Holder { get; } = holder;
}
