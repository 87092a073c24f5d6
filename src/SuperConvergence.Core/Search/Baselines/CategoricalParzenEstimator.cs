namespace SuperConvergence.Core.Search.Baselines;

/// <summary>
/// TPE's distribution over one categorical parameter (weight decay, batch size, cycle length: indexes into the
/// spec's list). As in Optuna, each observation is a kernel that puts 1 on its choice and the prior weight spread
/// over all choices (divided by the number of kernels), the prior is a uniform kernel, and the kernels are mixed
/// with <see cref="TpeDefaults.Weights"/> plus the prior's weight 1. The uniform share keeps every choice possible:
/// a choice no good trial has used yet can still be proposed, and l(x)/g(x) is defined for every choice.
/// </summary>
internal sealed class CategoricalParzenEstimator
{
    private readonly double[] _probabilities;

    /// <param name="observations">The group's choices, oldest first (the order the weights ramp in).</param>
    public CategoricalParzenEstimator(IReadOnlyList<int> observations, int choices)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(choices);
        _probabilities = new double[choices];
        var kernels = observations.Count + 1;
        double[] weights = [.. TpeDefaults.Weights(observations.Count), TpeDefaults.PriorWeight];
        var total = weights.Sum();

        // An observation's kernel: PriorWeight / kernels on every choice, +1 on its own, normalised to sum to 1.
        var spread = TpeDefaults.PriorWeight / kernels;
        var kernelTotal = 1 + choices * spread;
        for (var i = 0; i < observations.Count; i++)
        {
            var choice = observations[i];
            ArgumentOutOfRangeException.ThrowIfNegative(choice, nameof(observations));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(choice, choices, nameof(observations));
            var weight = weights[i] / total;
            for (var c = 0; c < choices; c++)
            {
                _probabilities[c] += weight * spread / kernelTotal;
            }

            _probabilities[choice] += weight / kernelTotal;
        }

        var prior = weights[^1] / total / choices;
        for (var c = 0; c < choices; c++)
        {
            _probabilities[c] += prior;
        }
    }

    /// <summary>P(choice) for every choice; they sum to 1.</summary>
    public IReadOnlyList<double> Probabilities => _probabilities;

    public double LogProbability(int choice) => Math.Log(_probabilities[choice]);

    /// <summary>
    /// A draw among the first <paramref name="allowed"/> choices, in proportion to their probabilities (the
    /// distribution conditioned on them): cycle lengths that no longer fit the budget are left out. Conditioning
    /// scales l(x) by one constant, so it does not change which candidate has the largest l(x)/g(x).
    /// </summary>
    public int Sample(double unit, int allowed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(allowed);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(allowed, _probabilities.Length);
        return ParzenEstimator.Pick(_probabilities, unit, allowed);
    }
}
