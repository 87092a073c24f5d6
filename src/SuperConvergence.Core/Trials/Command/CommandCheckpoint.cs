using System.Formats.Tar;

namespace SuperConvergence.Core.Trials.Command;

/// <summary>
/// The command trainer's checkpoints: the directory the program saved after an epoch, packed as a tar archive behind
/// an <see cref="EpochCheckpoint"/> header (its own tag, the epoch, the trial config's fingerprint). Packed, it goes
/// to the cluster's checkpoint store like any trainer's state, so a trial resumes on whichever worker takes it next;
/// the header stops a checkpoint of one config from being unpacked for another.
/// </summary>
public static class CommandCheckpoint
{
    /// <summary>The largest directory a checkpoint may hold: the store keeps it in one value, in memory on its way.</summary>
    public const long MaxBytes = 1L << 30;

    private const uint Tag = 0x53434331; // "SCC1"

    /// <summary>Packs <paramref name="directory"/> as the checkpoint of <paramref name="epoch"/>; throws <see cref="InvalidDataException"/> past <see cref="MaxBytes"/>.</summary>
    public static TrainingCheckpoint Pack(string directory, int epoch, TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var size = new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length);
        if (size > MaxBytes)
        {
            throw new InvalidDataException($"the checkpoint saved after epoch {epoch} holds {size} bytes, more than the limit of {MaxBytes}");
        }

        using var stream = new MemoryStream();
        stream.Write(new byte[EpochCheckpoint.Length]);
        TarFile.CreateFromDirectory(directory, stream, includeBaseDirectory: false);
        var state = stream.ToArray();
        EpochCheckpoint.WriteHeader(state, Tag, epoch, RunFingerprint.Of(config));
        return new TrainingCheckpoint(epoch, state);
    }

    /// <summary>
    /// Unpacks <paramref name="checkpoint"/> into the empty <paramref name="directory"/> and returns its epoch; throws
    /// <see cref="ArgumentException"/> when it is not a command trainer's checkpoint of this config.
    /// </summary>
    public static int Unpack(TrainingCheckpoint checkpoint, TrialConfig config, string directory)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(config);
        var epoch = EpochCheckpoint.Read(Tag, "command", checkpoint, RunFingerprint.Of(config), config.CycleEpochs, payload: true);
        using var archive = new MemoryStream(checkpoint.State, EpochCheckpoint.Length, checkpoint.State.Length - EpochCheckpoint.Length, writable: false);
        TarFile.ExtractToDirectory(archive, directory, overwriteFiles: false);
        return epoch;
    }
}
