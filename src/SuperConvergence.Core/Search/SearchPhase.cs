using System.Text.Json.Serialization;

namespace SuperConvergence.Core.Search;

/// <summary>
/// Where a search is (<see cref="SearchProgress.Phase"/>). Status output and saved strategy state spell each phase
/// by its <see cref="SearchPhaseNames.ToWire"/> name, the names these had as strings, so stored state still reads.
/// </summary>
public enum SearchPhase
{
    /// <summary>Adaptive, phase 1: LR range tests per (batch size, weight decay) cell.</summary>
    [JsonStringEnumMemberName("range-tests")]
    RangeTests,

    /// <summary>Adaptive, phase 3: rounds of 1cycle trials inside shrinking LR bounds.</summary>
    [JsonStringEnumMemberName("narrowing")]
    Narrowing,

    /// <summary>Grid, random and TPE: one round over the spec's whole interval (only TPE's draws follow the results).</summary>
    [JsonStringEnumMemberName("sampling")]
    Sampling,

    /// <summary>ASHA: configs climbing rungs of longer cycles.</summary>
    [JsonStringEnumMemberName("halving")]
    Halving,

    /// <summary>Nothing more will be proposed; trials already running may still report.</summary>
    [JsonStringEnumMemberName("done")]
    Done,
}
