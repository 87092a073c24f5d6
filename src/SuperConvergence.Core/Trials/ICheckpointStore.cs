namespace SuperConvergence.Core.Trials;

/// <summary>
/// Where workers keep training checkpoints so that an interrupted trial resumes on another worker. A reference
/// returned by SaveAsync is opaque and stable; any worker of the cluster can load it.
/// </summary>
public interface ICheckpointStore
{
    Task<string> SaveAsync(string trialId, int epoch, byte[] state, CancellationToken cancellationToken);

    /// <summary>The bytes saved under <paramref name="reference"/>, or null when they are gone.</summary>
    Task<byte[]?> LoadAsync(string reference, CancellationToken cancellationToken);

    Task DeleteTrialAsync(string trialId, CancellationToken cancellationToken);
}
