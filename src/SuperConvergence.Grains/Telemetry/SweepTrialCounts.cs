namespace SuperConvergence.Grains.Telemetry;

/// <summary>How many of a sweep's trials are in each state; immutable once made.</summary>
public sealed class SweepTrialCounts
{
    private readonly int[] _counts = new int[States.Count];

    private SweepTrialCounts()
    {
    }

    /// <summary>Every trial state, each reported on its own even at zero so that a stacked panel keeps its layers.</summary>
    public static IReadOnlyList<TrialState> States { get; } = Enum.GetValues<TrialState>();

    public int this[TrialState state] => _counts[(int)state];

    /// <summary>The coordinator's finished counts and its unfinished ones.</summary>
    public static SweepTrialCounts Of(IEnumerable<KeyValuePair<TrialState, int>> finished, IEnumerable<(TrialState State, int Count)> active)
    {
        var counts = new SweepTrialCounts();
        foreach (var (state, count) in finished)
        {
            counts._counts[(int)state] += count;
        }

        foreach (var (state, count) in active)
        {
            counts._counts[(int)state] += count;
        }

        return counts;
    }
}
