namespace SuperConvergence.Core.Search.Baselines;

/// <summary>
/// A finished trial as TPE learns from it: its proposal number (trials are weighted by age in proposal order, as
/// Optuna orders trials by number), the parameters as indexes into the spec's lists (cycles sorted shortest first)
/// and the score. Score is the final test accuracy; null for a trial that ended without one (a diverged run): it
/// ranks below every trial that has an accuracy.
/// </summary>
internal sealed record TpeObservation(long Number, double MaxLr, int WeightDecay, int BatchSize, int Cycle, double? Score)
{
    /// <summary>
    /// The good group (the γ(n) best: highest score first, null last, earlier trial first on ties) and the bad group
    /// (the rest), each in proposal order for the weights.
    /// </summary>
    public static (TpeObservation[] Good, TpeObservation[] Bad) Split(IReadOnlyCollection<TpeObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var ranked = observations
            .OrderBy(observation => observation.Score is null)
            .ThenByDescending(observation => observation.Score)
            .ThenBy(observation => observation.Number)
            .ToArray();
        var good = TpeDefaults.Good(ranked.Length);
        return (
            [.. ranked.Take(good).OrderBy(observation => observation.Number)],
            [.. ranked.Skip(good).OrderBy(observation => observation.Number)]);
    }
}
