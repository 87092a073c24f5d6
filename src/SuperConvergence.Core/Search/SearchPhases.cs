namespace SuperConvergence.Core.Search;

/// <summary>The phase names <see cref="SearchProgress.Phase"/> reports (status JSON shows them as they are).</summary>
public static class SearchPhases
{
    /// <summary>Adaptive, phase 1: LR range tests per (batch size, weight decay) cell.</summary>
    public const string RangeTests = "range-tests";

    /// <summary>Adaptive, phase 3: rounds of 1cycle trials inside shrinking LR bounds.</summary>
    public const string Narrowing = "narrowing";

    /// <summary>Grid, random and TPE: one round over the spec's whole interval (only TPE's draws follow the results).</summary>
    public const string Sampling = "sampling";

    /// <summary>ASHA: configs climbing rungs of longer cycles.</summary>
    public const string Halving = "halving";

    /// <summary>Nothing more will be proposed; trials already running may still report.</summary>
    public const string Done = "done";
}
