namespace SuperConvergence.Training.Checkpoints;

/// <summary>
/// The content fingerprint of a user's dataset inside a checkpoint's run fingerprint (<c>…;content=1f3a…</c>): a
/// dataset whose files changed since the checkpoint was written never resumes it, and the refusal names the dataset
/// and both fingerprints. Built-in datasets carry none, so their older checkpoints still resume.
/// </summary>
internal static class CheckpointDatasetContent
{
    private const string Key = ";content=";

    public static string Append(string runFingerprint, string? contentFingerprint) =>
        contentFingerprint is null ? runFingerprint : runFingerprint + Key + contentFingerprint;

    /// <summary>Throws <see cref="CheckpointMismatchException"/> when the checkpoint was trained on other content of the dataset.</summary>
    public static void Verify(string checkpointFingerprint, string dataset, string? contentFingerprint)
    {
        if (contentFingerprint is null)
        {
            return;
        }

        var at = checkpointFingerprint.IndexOf(Key, StringComparison.Ordinal);
        var written = at < 0 ? "(none)" : checkpointFingerprint[(at + Key.Length)..];
        if (written != contentFingerprint)
        {
            throw new CheckpointMismatchException(
                $"dataset '{dataset}' changed since the checkpoint was written: its content fingerprint is now {contentFingerprint}, the checkpoint's is {written}; start the run again (or restore the dataset's files)");
        }
    }
}
