namespace SuperConvergence.Training.Training;

/// <summary>
/// Independent generator seeds derived from a run's seed: one for weight initialisation, one for the data order
/// and augmentation. Changing how many numbers one consumes never shifts the other.
/// </summary>
internal static class RunSeeds
{
    public static ulong Initialisation(int seed) => Derive(seed, 1);

    public static ulong Data(int seed) => Derive(seed, 2);

    public static ulong RangeTest(int seed) => Derive(seed, 3);

    private static ulong Derive(int seed, ulong stream)
    {
        var state = ((ulong)(uint)seed << 8) ^ stream;
        return DeterministicShuffle.Next(ref state);
    }
}
