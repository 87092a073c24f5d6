using Orleans.Concurrency;
using SuperConvergence.Abstractions.Trials;

namespace SuperConvergence.Abstractions.Grains;

/// <summary>One trial, keyed by trial id: config, lifecycle, attempts, per-epoch metrics, checkpoint, result. Persistent.</summary>
[Alias("sc.ITrialGrain")]
public interface ITrialGrain : IGrainWithStringKey
{
    /// <summary>Creates the trial (idempotent for the same definition).</summary>
    [Alias("Initialize")]
    Task Initialize(TrialDefinition definition);

    /// <summary>
    /// A worker asks to run the trial. Returns a lease for a new attempt, or null when the trial is final or
    /// already running under a live lease of another worker.
    /// </summary>
    [Alias("BeginAttempt")]
    Task<TrialLease?> BeginAttempt(string workerId);

    /// <summary>
    /// Epochs finished, in order (a worker sends those that finished while its previous report was in flight
    /// together); the checkpoint after the last of them, if any, is already saved under
    /// <paramref name="checkpointReference"/>. False, recording nothing, for a stale attempt: the worker then stops.
    /// </summary>
    [Alias("ReportEpochs")]
    Task<bool> ReportEpochs(int attempt, IReadOnlyList<EpochMetrics> epochs, string? checkpointReference);

    /// <summary>
    /// A running range test's newest progress, for live views; kept in memory only (the curve comes with the result).
    /// False, recording nothing, for a stale attempt: the worker then stops.
    /// </summary>
    [Alias("ReportRangeTestProgress")]
    Task<bool> ReportRangeTestProgress(int attempt, RangeTestProgress progress);

    /// <summary>The attempt ended. Returns false (and records nothing) for a stale attempt.</summary>
    [Alias("Complete")]
    Task<bool> Complete(int attempt, TrialCompletion completion);

    /// <summary>
    /// The current attempt's worker is stopping (SIGTERM): records the epochs it had not reported yet and the checkpoint
    /// it took where it stopped (mid-epoch, usually), then the trial is pending again, to resume from that checkpoint.
    /// False, recording nothing, for a stale attempt; true again for a retry of the same hand-back. The worker then
    /// releases its lease with requeue (the queue's side).
    /// </summary>
    [Alias("HandBack")]
    Task<bool> HandBack(int attempt, IReadOnlyList<EpochMetrics> epochs, TrialHandBack checkpoint);

    /// <summary>The worker running the current attempt is gone: back to pending, keeping the last checkpoint.</summary>
    [Alias("AbandonAttempt")]
    Task AbandonAttempt(string workerId);

    [Alias("Cancel")]
    Task Cancel();

    /// <summary>Read-only; interleaves so that a coordinator reconciling its trials never waits on a trial that waits on it.</summary>
    [AlwaysInterleave]
    [Alias("Get")]
    Task<TrialView> Get();
}
