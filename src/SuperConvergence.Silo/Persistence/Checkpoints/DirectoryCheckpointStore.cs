using System.Text;

namespace SuperConvergence.Silo.Persistence.Checkpoints;

/// <summary>
/// Checkpoints as files: ROOT/TRIAL/EPOCH.ckpt. On a directory every worker mounts, a trial resumes on any worker.
/// A save writes a temporary file, flushes it to disk and renames it over the final name, so a reader sees
/// either the previous checkpoint or the whole new one, never a torn file.
/// </summary>
public sealed class DirectoryCheckpointStore : ICheckpointStore
{
    public const string StoreName = "dir";

    // Encoded trial ids are folder names; most file systems stop at 255 bytes.
    private const int MaxFolderNameLength = 240;

    public DirectoryCheckpointStore(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        RootDirectory = Path.GetFullPath(rootDirectory);
    }

    public string RootDirectory { get; }

    public async Task<string> SaveAsync(string trialId, int epoch, byte[] state, CancellationToken cancellationToken = default)
    {
        CheckpointReference.ValidateSave(trialId, epoch, state);
        var folder = TrialFolder(trialId);
        OwnerOnlyFiles.CreateFolder(folder);
        var final = Path.Combine(folder, FileName(epoch));
        var temporary = Path.Combine(folder, $".{FileName(epoch)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = OwnerOnlyFiles.CreateNew(temporary, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(state, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, final, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        return new CheckpointReference(StoreName, epoch, trialId).ToString();
    }

    public async Task<byte[]?> LoadAsync(string reference, CancellationToken cancellationToken = default)
    {
        var parsed = CheckpointReference.Parse(reference, StoreName);
        var path = Path.Combine(TrialFolder(parsed.TrialId), FileName(parsed.Epoch));
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task DeleteBeforeAsync(string trialId, int epoch, CancellationToken cancellationToken = default)
    {
        CheckpointReference.ValidateTrialId(trialId);
        var folder = TrialFolder(trialId);
        if (!Directory.Exists(folder))
        {
            return Task.CompletedTask;
        }

        // Saved files only (temporary ones start with '.'): EPOCH.ckpt, the epoch zero-padded.
        foreach (var path in Directory.EnumerateFiles(folder, "*.ckpt"))
        {
            if (int.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var saved) && saved < epoch)
            {
                File.Delete(path);
            }
        }

        return Task.CompletedTask;
    }

    public Task DeleteTrialAsync(string trialId, CancellationToken cancellationToken = default)
    {
        CheckpointReference.ValidateTrialId(trialId);
        try
        {
            Directory.Delete(TrialFolder(trialId), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was saved for this trial.
        }

        return Task.CompletedTask;
    }

    private static string FileName(int epoch) => epoch.ToString("D6", CultureInfo.InvariantCulture) + ".ckpt";

    private string TrialFolder(string trialId) => Path.Combine(RootDirectory, FolderName(trialId));

    /// <summary>
    /// Letters, digits, '-' and '_' stay; every other byte of the UTF-8 id becomes %XX. The mapping is one-to-one
    /// ('%' itself is encoded) and never yields ".", ".." or a path separator.
    /// </summary>
    internal static string FolderName(string trialId)
    {
        var name = new StringBuilder(trialId.Length);
        foreach (var b in Encoding.UTF8.GetBytes(trialId))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            {
                name.Append(c);
            }
            else
            {
                name.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        if (name.Length > MaxFolderNameLength)
        {
            throw new ArgumentException($"trial id '{trialId}' is too long for a checkpoint folder name ({name.Length} > {MaxFolderNameLength} characters encoded)", nameof(trialId));
        }

        return name.ToString();
    }
}
