namespace SuperConvergence.Core.Search.Baselines;

/// <summary>
/// The settings of Optuna's default <c>TPESampler</c>, which <see cref="TpeSearch"/> reproduces so that the baseline
/// is the tuner people actually run, not a variant tuned for this problem: 10 random startup trials, 24 candidates
/// per parameter, a prior of weight 1, γ(n) = min(⌈n/10⌉, 25) good observations and recency weights past 25.
/// </summary>
internal static class TpeDefaults
{
    /// <summary>Observations before the estimators take over; until then trials are drawn as random search draws.</summary>
    public const int StartupTrials = 10;

    /// <summary>Candidates drawn from l(x) per parameter; the one with the largest l(x)/g(x) is proposed.</summary>
    public const int Candidates = 24;

    /// <summary>The prior component's weight, before the mixture's weights are normalised.</summary>
    public const double PriorWeight = 1.0;

    /// <summary>At most this many observations are "good", and this many newest ones keep a full weight.</summary>
    private const int Window = 25;

    /// <summary>
    /// γ(n): how many of n observations form the good group l(x). A tenth, rounded up, so the good group is never
    /// empty, and at most 25 so it stays selective in long sweeps.
    /// </summary>
    public static int Good(int observations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(observations);
        // [why] Optuna computes ceil(0.1 · n) in doubles; for every n below the cap that equals ⌈n/10⌉ exactly.
        return Math.Min((observations + 9) / 10, Window);
    }

    /// <summary>
    /// The kernels' weights for <paramref name="count"/> observations of one group, oldest first: all 1 below 25;
    /// above, the newest 25 weigh 1 and the older ones ramp linearly from 1/count up to 1, so a long sweep's model
    /// follows its recent results more than its first random draws.
    /// </summary>
    public static double[] Weights(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var weights = new double[count];
        Array.Fill(weights, 1.0);
        var ramp = count - Window;
        if (ramp <= 0)
        {
            return weights;
        }

        // numpy's linspace(1/count, 1, ramp): start + i·step, the last point exactly 1 (a single point is the start).
        var start = 1.0 / count;
        var step = ramp > 1 ? (1.0 - start) / (ramp - 1) : 0.0;
        for (var i = 0; i < ramp - 1; i++)
        {
            weights[i] = start + i * step;
        }

        weights[ramp - 1] = ramp > 1 ? 1.0 : start;
        return weights;
    }
}
