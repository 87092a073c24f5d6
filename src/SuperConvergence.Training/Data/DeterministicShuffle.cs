namespace SuperConvergence.Training.Data;

/// <summary>
/// Seeded permutations that are the same on every machine and .NET version (SplitMix64 + Fisher–Yates):
/// dataset splits must never change under a user's feet, so they cannot depend on System.Random's algorithm.
/// </summary>
public static class DeterministicShuffle
{
    public static int[] Permutation(int count, ulong seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        var state = seed;
        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)(Next(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>SplitMix64: a tiny, well-mixed generator; its modulo bias is negligible for dataset sizes.</summary>
    internal static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
