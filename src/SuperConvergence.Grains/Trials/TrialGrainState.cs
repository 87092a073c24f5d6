using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.Grains.Trials;

/// <summary>The persisted state of one trial.</summary>
[GenerateSerializer]
[Alias("sc.TrialGrainState")]
public sealed class TrialGrainState
{
    [Id(0)] public TrialDefinition? Definition { get; set; }
    [Id(1)] public TrialState State { get; set; }
    [Id(2)] public int Attempts { get; set; }
    [Id(3)] public string? Worker { get; set; }
    [Id(4)] public List<EpochMetrics> Epochs { get; set; } = [];
    [Id(5)] public string? CheckpointReference { get; set; }
    [Id(6)] public int? CheckpointEpoch { get; set; }
    [Id(7)] public int? ResumedFromEpoch { get; set; }
    [Id(8)] public double? Accuracy { get; set; }
    [Id(9)] public List<RangeTestPoint>? Curve { get; set; }
    [Id(10)] public string? Error { get; set; }
    [Id(11)] public DateTimeOffset? StartedAt { get; set; }
    [Id(12)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(13)] public HessianFreeEstimate? Hessian { get; set; }

    /// <summary>Steps done of the epoch after <see cref="CheckpointEpoch"/> when the checkpoint was taken; 0 at an epoch's end.</summary>
    [Id(14)] public int CheckpointStep { get; set; }

    /// <summary>The newest attempt resumed this many steps into the epoch after <see cref="ResumedFromEpoch"/>; null when at its start.</summary>
    [Id(15)] public int? ResumedFromStep { get; set; }

    /// <summary>The attempt that handed the trial back on its worker's preemption, so a retried hand-back is recognised.</summary>
    [Id(16)] public int? HandedBackAttempt { get; set; }
}
