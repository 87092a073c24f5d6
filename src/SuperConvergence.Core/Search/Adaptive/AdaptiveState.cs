namespace SuperConvergence.Core.Search.Adaptive;

/// <summary>
/// Everything the adaptive search needs to continue after a restart (it is what SaveState writes). Range-test
/// curves are kept only until their cell's last seed reports; trial results only for the round in flight.
/// </summary>
internal sealed class AdaptiveState
{
    public SearchPhase Phase { get; set; } = SearchPhase.RangeTests;

    public long TrialsIssued { get; set; }

    public long EpochsIssued { get; set; }

    public int RangeTestsIssued { get; set; }

    /// <summary>Per cell: range tests that have reported (with or without a curve).</summary>
    public List<int> RangeTestsSeen { get; set; } = [];

    public List<CellCurve> Curves { get; set; } = [];

    public List<CellState> Cells { get; set; } = [];

    /// <summary>The current max-LR bounds: the spec's until the range tests are read, then narrowed each round.</summary>
    public LrRange Interval { get; set; } = new(0, 0);

    /// <summary>Index into <see cref="Levels"/>: the fidelity of the current rounds.</summary>
    public int Level { get; set; }

    /// <summary>The last index of <see cref="Levels"/>: the longest cycle length of the search.</summary>
    public int LastLevel { get; set; }

    /// <summary>
    /// The cycle lengths the budget affords a round at (indices into the sorted cycle lengths, shortest first). Null in a
    /// state saved before levels could skip a length: its levels are then every length up to <see cref="LastLevel"/>.
    /// </summary>
    public List<int>? Levels { get; set; }

    public long LevelTrialsLeft { get; set; }

    public long LevelEpochsLeft { get; set; }

    /// <summary>The bounds converged before the longest cycle: one last round at the longest cycle, then done.</summary>
    public bool Confirming { get; set; }

    public int Round { get; set; }

    public List<PlannedTrial> Plan { get; set; } = [];

    public int PlanIssued { get; set; }

    public List<RoundResult> RoundResults { get; set; } = [];

    public List<string> RoundSeen { get; set; } = [];

    public List<RoundBounds> History { get; set; } = [];

    /// <summary>Where the first round's bounds came from (the range tests, or the spec's interval and why); null before.</summary>
    public string? BoundsSource { get; set; }
}

/// <summary>A cell's standing: its own max-LR range (from its range tests, lowered by divergences) and its weight.</summary>
internal sealed class CellState
{
    public LrRange? Range { get; set; }

    public bool SuperConvergence { get; set; }

    /// <summary>Still receives trials; cells drop out as the cycles get longer.</summary>
    public bool Active { get; set; }

    /// <summary>Its share of the next round's trials, relative to the other active cells.</summary>
    public double Weight { get; set; } = 1;

    /// <summary>Its best accuracy at the current cycle length.</summary>
    public double? LevelBest { get; set; }

    /// <summary>Why its range tests did not bound it (they carried no signal, or none reported a curve); null when they did.</summary>
    public string? Unbounded { get; set; }

    /// <summary>Why its range tests bounded only its low end (their loss floor reached their last LR); null otherwise.</summary>
    public string? OpenTop { get; set; }
}

internal sealed record CellCurve(int Cell, IReadOnlyList<RangeTestPoint> Points);

/// <summary>
/// A training trial the adaptive search has planned for a round but not yet proposed: a cell by its index, an LR and a
/// seed. Its own shape, not a <see cref="TrialConfig"/>, because the strategy's saved state holds a round's whole plan,
/// and three numbers a trial keep that state small; the config is made when the trial is proposed.
/// </summary>
internal sealed record PlannedTrial(int Cell, double MaxLr, int Seed);

/// <summary>A finished trial of the current round; Accuracy null for diverged, failed and cancelled trials.</summary>
internal sealed record RoundResult(int Cell, double MaxLr, double? Accuracy, bool Diverged);
