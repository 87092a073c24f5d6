namespace SuperConvergence.Core.Search.Baselines;

/// <summary>Grid and random search have no rounds: one round over the spec's whole interval, for the whole sweep.</summary>
internal static class BaselineProgress
{
    public const int OnlyRound = 1;

    public static SearchProgress Of(SweepSpec spec, bool finished, double? bestAccuracy) => new(
        OnlyRound,
        spec.SearchSpace.MaxLr,
        finished ? SearchPhase.Done : SearchPhase.Sampling,
        [new RoundBounds(OnlyRound, spec.SearchSpace.MaxLr, bestAccuracy)]);

    /// <summary>The best accuracy so far after <paramref name="result"/>; only completed trials count.</summary>
    public static double? Better(double? best, TrialResult result) =>
        result is { End: TrialEnd.Completed, Accuracy: { } accuracy } && double.IsFinite(accuracy) && (best is null || accuracy > best)
            ? accuracy
            : best;
}
