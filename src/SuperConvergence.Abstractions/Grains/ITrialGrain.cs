using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Trials;

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

    /// <summary>An epoch finished; its checkpoint (if any) is already saved under <paramref name="checkpointReference"/>.</summary>
    [Alias("ReportEpoch")]
    Task<bool> ReportEpoch(int attempt, EpochMetrics metrics, string? checkpointReference);

    /// <summary>The attempt ended. Returns false (and records nothing) for a stale attempt.</summary>
    [Alias("Complete")]
    Task<bool> Complete(int attempt, TrialCompletion completion);

    /// <summary>The attempt's worker is gone: the trial goes back to pending, keeping its checkpoint.</summary>
    [Alias("AbandonAttempt")]
    Task AbandonAttempt(int attempt);

    [Alias("Cancel")]
    Task Cancel();

    [Alias("Get")]
    Task<TrialView> Get();
}
