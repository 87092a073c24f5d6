namespace SuperConvergence.Core.Search.Adaptive;

/// <summary>
/// The knobs of the adaptive search (docs/algorithm.md explains each). The defaults are what the factory uses;
/// the spec does not expose them because they change how fast the search narrows, not what it searches.
/// </summary>
public sealed record AdaptiveOptions
{
    /// <summary>Stop once the max-LR interval spans fewer decades than this (0.1: a factor of 1.26).</summary>
    public double ToleranceDecades { get; init; } = 0.1;

    /// <summary>Fewest trials in a round: a quarter of a smaller round says nothing about an interval.</summary>
    public int MinRoundSize { get; init; } = 6;

    /// <summary>
    /// Fewest trials the search may end on at the longest cycle: the budget keeps the longest cycle while it affords this
    /// many of it, since fewer would stake the result on one or two LR draws.
    /// </summary>
    public int MinFinalRoundSize { get; init; } = 3;

    /// <summary>The share of a round's completed trials whose LRs the next interval is fitted around (the top third).</summary>
    public double TopShare { get; init; } = 1.0 / 3;

    /// <summary>
    /// Accuracies this close to a round's best count among its best trials too: a difference this small is noise,
    /// and narrowing on it would pin the bounds to a lucky draw inside a flat optimum.
    /// </summary>
    public double AccuracyTolerance { get; init; } = 0.01;

    /// <summary>The next interval is the top trials' span widened on each side by this share of that span ...</summary>
    public double WidenShare { get; init; } = 0.25;

    /// <summary>... and by at least this many decades, so a lucky pair of trials cannot pin the interval.</summary>
    public double MinWidenDecades { get; init; } = 0.03;

    /// <summary>A round keeps at least this share of the previous interval's span: narrowing is gradual.</summary>
    public double MinKeepShare { get; init; } = 0.3;

    /// <summary>
    /// How the budget is shared by the cycle lengths: a level with cycle c gets trials in proportion to c^−p and epochs
    /// to c^(1−p). With p = ½ short cycles get more trials (cheap exploration, enough to tell the cells apart) and
    /// long cycles more epochs (the final accuracy is theirs); p = 0 gives every level as many trials, p = 1 as many
    /// epochs (Hyperband's split).
    /// </summary>
    public double LevelShareExponent { get; init; } = 0.5;

    /// <summary>The share of cells that go on to the next, longer cycle (at least one).</summary>
    public double CellKeepShare { get; init; } = 0.5;

    internal void Check()
    {
        if (!(ToleranceDecades > 0) || MinRoundSize < 2 || MinFinalRoundSize < 1 || TopShare is <= 0 or > 1 || AccuracyTolerance < 0 || WidenShare < 0 || MinWidenDecades < 0
            || MinKeepShare is < 0 or > 1 || CellKeepShare is <= 0 or > 1
            || !double.IsFinite(LevelShareExponent))
        {
            throw new ArgumentOutOfRangeException(nameof(AdaptiveOptions), this, "Adaptive search options out of range.");
        }
    }
}
