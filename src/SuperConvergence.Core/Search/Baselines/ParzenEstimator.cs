namespace SuperConvergence.Core.Search.Baselines;

/// <summary>
/// TPE's density over one continuous parameter, on the interval [Low, High] (for the max LR: its natural log, so
/// the kernels are as wide at 0.01 as at 1). A mixture of normals truncated to the interval: one per observation,
/// weighted by <see cref="TpeDefaults.Weights"/>, plus a prior of weight 1 centred on the interval's middle with
/// the interval's width as its sigma — it keeps l(x) and g(x) positive everywhere, so the ratio of the two is
/// defined wherever a candidate lands and a few observations cannot shut the rest of the interval off.
/// </summary>
/// <remarks>
/// Bandwidths follow Optuna's univariate defaults: an observation's sigma is the larger of its distances to its
/// neighbours among the observations and the prior's centre, except that the lowest and the highest take the
/// distance to their one inner neighbour (the interval's ends do not widen them); then every sigma is clipped to
/// [width / min(100, n + 2), width], the "magic clip": without the lower bound, repeated or nearly equal
/// observations give spikes whose density dwarfs everything else, and the search would only resample them.
/// </remarks>
internal sealed class ParzenEstimator
{
    /// <summary>Rejection draws per sample before giving up on the tail; a kernel keeps ≥ 34 % of its mass inside.</summary>
    private const int MaxAttempts = 200;

    private readonly double[] _means;
    private readonly double[] _sigmas;
    private readonly double[] _weights;
    private readonly double[] _logScales;

    /// <param name="observations">The group's values, oldest first (the order the weights ramp in), inside the interval.</param>
    public ParzenEstimator(IReadOnlyList<double> observations, double low, double high)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (!(low < high))
        {
            throw new ArgumentException($"The interval [{low}, {high}] is empty.", nameof(high));
        }

        Low = low;
        High = high;
        var width = high - low;
        var count = observations.Count;
        _means = [.. observations.Select(value => Math.Clamp(value, low, high)), 0.5 * (low + high)];
        _sigmas = [.. Bandwidths(_means.AsSpan(0, count), low, high), width];
        _weights = [.. TpeDefaults.Weights(count), TpeDefaults.PriorWeight];
        var total = _weights.Sum();
        _logScales = new double[_means.Length];
        for (var k = 0; k < _means.Length; k++)
        {
            _weights[k] /= total;
            var mass = StandardNormal.Cdf((high - _means[k]) / _sigmas[k]) - StandardNormal.Cdf((low - _means[k]) / _sigmas[k]);
            _logScales[k] = Math.Log(_weights[k]) - Math.Log(_sigmas[k]) - Math.Log(mass);
        }
    }

    public double Low { get; }

    public double High { get; }

    /// <summary>The kernels' centres: the observations, then the prior's.</summary>
    public IReadOnlyList<double> Means => _means;

    /// <summary>The kernels' sigmas, in the order of <see cref="Means"/>.</summary>
    public IReadOnlyList<double> Sigmas => _sigmas;

    /// <summary>The kernels' normalised weights, in the order of <see cref="Means"/>.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>
    /// Each observation's bandwidth (see the remarks), before the prior's own sigma (the width) is appended. The
    /// prior's centre takes part as a neighbour whatever the observations are, as in Optuna.
    /// </summary>
    public static double[] Bandwidths(ReadOnlySpan<double> observations, double low, double high)
    {
        var count = observations.Length;
        var points = new double[count + 1];
        observations.CopyTo(points);
        points[count] = 0.5 * (low + high);
        var order = Enumerable.Range(0, points.Length).OrderBy(i => points[i]).ThenBy(i => i).ToArray();
        var sorted = order.Select(i => points[i]).ToArray();

        var sigmas = new double[points.Length];
        for (var rank = 0; rank < sorted.Length; rank++)
        {
            var left = sorted[rank] - (rank == 0 ? low : sorted[rank - 1]);
            var right = (rank == sorted.Length - 1 ? high : sorted[rank + 1]) - sorted[rank];
            sigmas[order[rank]] = Math.Max(left, right);
        }

        if (sorted.Length >= 2)
        {
            sigmas[order[0]] = sorted[1] - sorted[0];
            sigmas[order[^1]] = sorted[^1] - sorted[^2];
        }

        var width = high - low;
        var smallest = width / Math.Min(100.0, count + 2.0);
        return [.. sigmas.Take(count).Select(sigma => Math.Clamp(sigma, smallest, width))];
    }

    /// <summary>
    /// A draw from the mixture, a pure function of <paramref name="hash"/>: a kernel chosen by weight, then its
    /// truncated normal by rejection (exact, and cheap: a kernel's centre lies inside an interval at least one of its
    /// sigmas wide, so a third of its draws or more land inside).
    /// </summary>
    public double Sample(ulong hash)
    {
        var kernel = Pick(_weights, SeededDraws.ToUnit(SeededDraws.Combine(hash, 0UL)));
        for (var attempt = 1UL; attempt <= MaxAttempts; attempt++)
        {
            var value = _means[kernel] + _sigmas[kernel] * SeededDraws.Normal(SeededDraws.Combine(hash, attempt));
            if (value >= Low && value <= High)
            {
                return value;
            }
        }

        return _means[kernel]; // (2/3)^200: never in practice, but a draw must end
    }

    /// <summary>ln of the mixture's density at <paramref name="value"/> (w.r.t. the interval's own coordinate).</summary>
    public double LogDensity(double value)
    {
        Span<double> terms = _means.Length <= 256 ? stackalloc double[_means.Length] : new double[_means.Length];
        var max = double.NegativeInfinity;
        for (var k = 0; k < _means.Length; k++)
        {
            terms[k] = _logScales[k] + StandardNormal.LogPdf((value - _means[k]) / _sigmas[k]);
            max = Math.Max(max, terms[k]);
        }

        var sum = 0.0;
        foreach (var term in terms)
        {
            sum += Math.Exp(term - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>The index whose cumulative weight first exceeds <paramref name="unit"/> × total (the last one on rounding).</summary>
    internal static int Pick(IReadOnlyList<double> weights, double unit, int count = -1)
    {
        var n = count < 0 ? weights.Count : count;
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            total += weights[i];
        }

        var target = unit * total;
        var cumulative = 0.0;
        for (var i = 0; i < n - 1; i++)
        {
            cumulative += weights[i];
            if (target < cumulative)
            {
                return i;
            }
        }

        return n - 1;
    }
}
