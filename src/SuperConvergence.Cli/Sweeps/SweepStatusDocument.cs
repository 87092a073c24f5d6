namespace SuperConvergence.Cli.Sweeps;

/// <summary>The JSON contract of `sc sweep status` (docs/cli-json.md); keys are only ever added, never renamed or removed.</summary>
public sealed record SweepStatusDocument(
    string SweepId,
    string Name,
    string State,
    int Round,
    LrBoundsDocument Bounds,
    string Phase,
    string? BoundsSource,
    string? FirstFailure,
    int TotalTrials,
    IReadOnlyDictionary<string, int> Counts,
    int TrialEpochsUsed,
    string? CreatedAt,
    string? FinishedAt,
    IReadOnlyList<RoundBoundsDocument> History,
    int TrialOffset,
    IReadOnlyList<TrialEntryDocument> Trials);

/// <summary>The max-LR bounds of a round; null while unknown.</summary>
public sealed record LrBoundsDocument(double? Min, double? Max);

/// <summary>One narrowing round of the status's history.</summary>
public sealed record RoundBoundsDocument(int Round, double? Min, double? Max, double? BestAccuracy);
