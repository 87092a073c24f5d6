namespace SuperConvergence.Abstractions.Trials;

/// <summary>
/// Permission for one worker to run one attempt of a trial. Reports carry the Attempt number so that a late
/// report from an attempt that was given up on is ignored (each result is recorded exactly once).
/// ResumeFromEpoch/CheckpointReference are set when an earlier attempt left a checkpoint; ResumeFromStep when that
/// checkpoint was taken inside the epoch after ResumeFromEpoch (the earlier worker was preempted).
/// A shape of its own because it is per attempt: the definition plus which attempt this is and where to resume.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("sc.TrialLease")]
public sealed record TrialLease(
    string TrialId,
    int Attempt,
    TrialDefinition Definition,
    int? ResumeFromEpoch,
    string? CheckpointReference,
    int ResumeFromStep = 0);
