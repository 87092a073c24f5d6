namespace SuperConvergence.Core.Randomness;

/// <summary>
/// Counter-based randomness: every draw is a pure function of (seed, stream, index). A strategy that only stores
/// its counters therefore continues with exactly the same draws after a restart, and no draw depends on how many
/// other draws happened before it (no shared generator state to persist or to desynchronise).
/// </summary>
public static class SeededDraws
{
    private const double UnitScale = 1.0 / (1UL << 53);

    /// <summary>A well-mixed 64-bit value for (seed, stream, index) (SplitMix64's finaliser applied per part).</summary>
    public static ulong Hash(long seed, ulong stream, ulong index) =>
        Mix(Mix(Mix((ulong)seed) ^ stream) ^ index);

    /// <summary>Mixes one more value into a running hash; used to fingerprint configurations.</summary>
    public static ulong Combine(ulong hash, ulong value) => Mix(hash ^ value);

    /// <summary>Mixes a double by its bits (so equal values, including the sign of zero, hash alike).</summary>
    public static ulong Combine(ulong hash, double value) => Combine(hash, (ulong)BitConverter.DoubleToInt64Bits(value));

    /// <summary>Uniform in [0, 1).</summary>
    public static double Unit(long seed, ulong stream, ulong index) => ToUnit(Hash(seed, stream, index));

    /// <summary>Uniform in [0, 1) from an already mixed hash.</summary>
    public static double ToUnit(ulong hash) => (hash >> 11) * UnitScale;

    /// <summary>Uniform integer in [0, count).</summary>
    public static int Below(long seed, ulong stream, ulong index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return (int)(Hash(seed, stream, index) % (ulong)count);
    }

    /// <summary>A standard normal variate (Box–Muller over two independent uniforms of the same draw).</summary>
    public static double Normal(ulong hash)
    {
        var u1 = 1.0 - ToUnit(Mix(hash ^ 0xA5A5A5A5A5A5A5A5UL)); // in (0, 1]: the logarithm stays finite
        var u2 = ToUnit(Mix(hash ^ 0x5A5A5A5A5A5A5A5AUL));
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A non-negative seed for a trainer, from the sweep seed and the trial's index.</summary>
    public static int TrialSeed(long seed, ulong stream, ulong index) => (int)(Hash(seed, stream, index) & int.MaxValue);

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
