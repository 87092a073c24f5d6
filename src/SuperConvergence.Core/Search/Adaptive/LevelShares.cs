namespace SuperConvergence.Core.Search.Adaptive;

/// <summary>
/// How the training budget is spread over the cycle lengths (levels), shortest first. A level with cycle c gets a
/// share of what is left when it starts: trials in proportion to c^−p and epochs to c^(1−p) over the levels still to
/// come (<see cref="AdaptiveOptions.LevelShareExponent"/>).
/// </summary>
internal static class LevelShares
{
    /// <summary>The trials and epochs the first of <paramref name="cyclesLeft"/> may spend.</summary>
    public static (long Trials, long Epochs) Of(ReadOnlySpan<int> cyclesLeft, double exponent, long trialsLeft, long epochsLeft)
    {
        double trialWeights = 0, epochWeights = 0;
        foreach (var cycle in cyclesLeft)
        {
            trialWeights += Math.Pow(cycle, -exponent);
            epochWeights += Math.Pow(cycle, 1 - exponent);
        }

        var first = cyclesLeft[0];
        return ((long)Math.Round(trialsLeft * Math.Pow(first, -exponent) / trialWeights),
                (long)Math.Round(epochsLeft * Math.Pow(first, 1 - exponent) / epochWeights));
    }

    /// <summary>
    /// The index of the longest cycle the budget can give a full round to, with a round at every shorter cycle too. A
    /// budget too small for every cycle length drops the longest ones: short cycles are where super-convergence pays.
    /// </summary>
    public static int LastAffordable(IReadOnlyList<int> cycles, int roundSize, long trialsLeft, long epochsLeft)
    {
        var (epochs, trials) = (0L, 0L);
        for (var level = 0; level < cycles.Count; level++)
        {
            epochs += (long)roundSize * cycles[level];
            trials += roundSize;
            if (epochs > epochsLeft || trials > trialsLeft)
            {
                return Math.Max(0, level - 1);
            }
        }

        return cycles.Count - 1;
    }
}
