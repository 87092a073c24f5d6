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
    /// The cycle lengths (indices into <paramref name="cycles"/>, shortest first) the budget can give a round each: a
    /// full round (<paramref name="roundSize"/>) at every length but the last, and at least <paramref name="finalSize"/>
    /// trials at the last. A budget too small for all of them drops intermediate lengths first, longest first, then the
    /// shortest: the longest cycle stays, because a configuration is reported at the cycle it was trained with and the
    /// longest cycle gives the best final accuracy (the tabular benchmark showed a small budget spent only on 1-epoch
    /// cycles reporting a configuration 4.4 points below the table's best). When not even <paramref name="finalSize"/>
    /// trials of the longest cycle fit, the longest cycle that fits them is searched alone (the shortest when none does).
    /// </summary>
    public static List<int> Affordable(IReadOnlyList<int> cycles, int roundSize, int finalSize, long trialsLeft, long epochsLeft)
    {
        var levels = Enumerable.Range(0, cycles.Count).ToList();
        while (levels.Count > 1 && !Fits(levels))
        {
            levels.RemoveAt(levels.Count > 2 ? levels.Count - 2 : 0);
        }

        if (!Fits(levels))
        {
            var longest = Enumerable.Range(0, cycles.Count).LastOrDefault(i => Fits([i]));
            return [longest];
        }

        return levels;

        bool Fits(List<int> chosen) =>
            ((long)roundSize * (chosen.Count - 1)) + finalSize <= trialsLeft
            && chosen.Take(chosen.Count - 1).Sum(level => (long)roundSize * cycles[level]) + ((long)finalSize * cycles[chosen[^1]]) <= epochsLeft;
    }
}
