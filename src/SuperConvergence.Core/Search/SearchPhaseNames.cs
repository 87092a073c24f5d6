namespace SuperConvergence.Core.Search;

public static class SearchPhaseNames
{
    /// <summary>The phase's name in status output and saved state ("range-tests", "narrowing", …).</summary>
    public static string ToWire(this SearchPhase phase) => phase switch
    {
        SearchPhase.RangeTests => "range-tests",
        SearchPhase.Narrowing => "narrowing",
        SearchPhase.Sampling => "sampling",
        SearchPhase.Halving => "halving",
        SearchPhase.Done => "done",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, null),
    };
}
