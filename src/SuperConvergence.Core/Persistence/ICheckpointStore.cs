namespace SuperConvergence.Core.Persistence;

/// <summary>
/// Where workers keep training checkpoints so that a trial can resume on another worker after its first one
/// died. The reference a save returns is opaque: the trial grain records it and hands it back to a later load.
/// </summary>
/// <remarks>
/// Contract, shared by every implementation (tests/SuperConvergence.Silo.Tests, CheckpointStoreContract):
/// a save is all-or-nothing; saving the same trial and epoch again replaces the earlier state; checkpoints of
/// other epochs and trials are untouched (a delete-before removes only that trial's earlier epochs); a load of a checkpoint that is gone returns null; any non-empty trial
/// id is accepted. A reference another kind of store produced is rejected, not misread.
/// </remarks>
public interface ICheckpointStore
{
    /// <summary>Stores the training state after <paramref name="epoch"/>; returns the reference to load it by.</summary>
    Task<string> SaveAsync(string trialId, int epoch, byte[] state, CancellationToken cancellationToken = default);

    /// <summary>The state a save returned <paramref name="reference"/> for, or null once it has been deleted.</summary>
    Task<byte[]?> LoadAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the trial's checkpoints of epochs before <paramref name="epoch"/>: once a later one is recorded, nothing
    /// resumes from them. Missing ones are no error.
    /// </summary>
    Task DeleteBeforeAsync(string trialId, int epoch, CancellationToken cancellationToken = default);

    /// <summary>Deletes every checkpoint of the trial; a trial without checkpoints is no error.</summary>
    Task DeleteTrialAsync(string trialId, CancellationToken cancellationToken = default);
}
