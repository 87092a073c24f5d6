namespace SuperConvergence.Core.Search;

/// <summary>
/// The search's public face: Round (0 while range tests run), the current max-LR bounds, the phase,
/// and the history of bounds per round (the narrowing history). BoundsSource says where the first narrowing round's
/// bounds came from — the range tests, or the spec's interval and why — once the adaptive search has read its range
/// tests; null before that and for the strategies that run none.
/// </summary>
public sealed record SearchProgress(int Round, LrRange Bounds, SearchPhase Phase, IReadOnlyList<RoundBounds> History, string? BoundsSource = null);

/// <summary>The max-LR interval a round drew from, and the best accuracy it reached.</summary>
[GenerateSerializer]
[Immutable]
[Alias("sc.RoundBounds")]
public sealed record RoundBounds(
    int Round,
    LrRange Bounds,
    double? BestAccuracy);
