namespace SuperConvergence.Abstractions.Trials;

/// <summary>
/// Where a preempted attempt stopped: <see cref="Epoch"/> whole epochs and <see cref="StepInEpoch"/> steps of the next
/// done, and the reference its checkpoint of that point was saved under (null when there was nothing to save, or the
/// store refused it: the trial then resumes from its previous checkpoint).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("sc.TrialHandBack")]
public sealed record TrialHandBack(
    string? Reference,
    int Epoch,
    int StepInEpoch);
