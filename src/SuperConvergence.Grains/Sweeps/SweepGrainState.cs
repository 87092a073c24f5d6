namespace SuperConvergence.Grains.Sweeps;

/// <summary>
/// The coordinator's persisted state. It stays small whatever the sweep's size: the trials themselves live in
/// their own grains; here are only the trials not yet finished, the counters, the best few and the strategy's state.
/// </summary>
[GenerateSerializer]
[Alias("sc.SweepGrainState")]
public sealed class SweepGrainState
{
    [Id(0)] public string? SpecText { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public SweepState State { get; set; }
    [Id(3)] public DateTimeOffset? CreatedAt { get; set; }
    [Id(4)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(5)] public int NextTrialNumber { get; set; } = 1;
    [Id(6)] public string? StrategyState { get; set; }
    [Id(7)] public Dictionary<string, TrialProposal> Active { get; set; } = [];

    /// <summary>
    /// The finished counts as the first versions stored them, keyed by the state's wire name ("completed"): folded into
    /// <see cref="FinishedCounts"/> when such a state is read, never written again.
    /// </summary>
    [Id(8)]
    public Dictionary<string, int>? FinishedCountsByWireName
    {
        get => null;
        set
        {
            foreach (var (name, count) in value ?? [])
            {
                if (Enum.TryParse<TrialState>(name, ignoreCase: true, out var state))
                {
                    FinishedCounts[state] = FinishedCounts.GetValueOrDefault(state) + count;
                }
            }
        }
    }

    [Id(9)] public int TrialEpochsUsed { get; set; }
    [Id(10)] public List<BestTrial> Best { get; set; } = [];
    [Id(11)] public bool WallTimeExpired { get; set; }

    /// <summary>The first failed trial and its error ("trial ID: error"); null while none failed.</summary>
    [Id(12)] public string? FirstFailure { get; set; }

    /// <summary>How many trials ended in each final state.</summary>
    [Id(13)] public Dictionary<TrialState, int> FinishedCounts { get; set; } = [];
}
