namespace SuperConvergence.Core.Search.Adaptive;

/// <summary>
/// The product's search (docs/algorithm.md): (1) LR range tests for every (batch size, weight decay) cell, several
/// seeds each, all at once; (2) per cell, the curves are read together into a max-LR interval and a
/// super-convergence flag, intersected with the spec's interval; (3) rounds of 1cycle trials with max LR drawn
/// log-uniformly (stratified) inside the current bounds. After each round the bounds shrink around the best
/// trials, the next round's trials go mostly to the cells those trials came from, and divergences lower their
/// cell's ceiling. Rounds start at the shortest cycle; the budget is split over the cycle lengths, and at each
/// longer cycle only the better half of the cells carries on. The search stops when the budget is spent or the
/// bounds are narrower than the tolerance (then one confirming round runs at the longest cycle). Range tests are
/// free; training trials are charged their whole cycle when proposed. Trials are only ever judged on their final
/// accuracy: a round waits for every one of its trials to finish.
/// </summary>
public sealed class AdaptiveSearch : ISearchStrategy
{
    internal const string StateName = "adaptive";
    private const int StateVersion = 1;
    private const ulong RangeTestSeedStream = 0x41444150_52414E47;
    private const double AboveSpaceSliceDecades = 0.3;

    private readonly SweepSpec _spec;
    private readonly AdaptiveOptions _options;
    private readonly IRangeTestReading _reading;
    private readonly IReadOnlyList<SearchCell> _cells;
    private readonly Dictionary<string, int> _cellByName;
    private readonly int[] _cycles;
    private readonly TrialConfigs _configs;
    private readonly AdaptiveState _state;
    private readonly TrialBudget _budget;

    public AdaptiveSearch(SweepSpec spec, string? savedState = null, AdaptiveOptions? options = null)
        : this(spec, savedState, options, new RangeTestReading())
    {
    }

    internal AdaptiveSearch(SweepSpec spec, string? savedState, AdaptiveOptions? options, IRangeTestReading reading)
    {
        _spec = spec;
        _options = options ?? new AdaptiveOptions();
        _options.Check();
        _reading = reading;
        _cells = SearchCell.AllOf(spec.SearchSpace);
        _cellByName = _cells.Select((cell, index) => (cell.Name, index)).ToDictionary(pair => pair.Name, pair => pair.index);
        _cycles = [.. spec.SearchSpace.CycleEpochs.Distinct().Order()];
        _configs = new TrialConfigs(spec);
        _state = savedState is null ? Fresh() : StrategyStateJson.Read<AdaptiveState>(savedState, StateName, StateVersion);
        if (_state.Cells.Count != _cells.Count || _state.RangeTestsSeen.Count != _cells.Count)
        {
            throw new ArgumentException($"Saved adaptive state has {_state.Cells.Count} cells; the spec has {_cells.Count}.", nameof(savedState));
        }

        _budget = new TrialBudget(spec.Budget, _state.TrialsIssued, _state.EpochsIssued);
    }

    private int RangeTestCount => _cells.Count * _spec.RangeTest.Seeds;

    private int RoundSize => Math.Max(_options.MinRoundSize, _spec.MaxConcurrentTrials);

    public bool IsFinished => _state.Phase == SearchPhase.Done;

    public SearchProgress Progress => new(
        _state.Round,
        _state.Phase == SearchPhase.RangeTests ? _spec.SearchSpace.MaxLr : _state.Interval,
        _state.Phase,
        [.. _state.History],
        _state.BoundsSource);

    /// <summary>Per cell (in spec order): the max-LR range it is drawn from and whether it still receives trials.</summary>
    public IReadOnlyList<(SearchCell Cell, LrRange? Range, bool SuperConvergence, bool Active)> Cells =>
        [.. _cells.Select((cell, index) => (cell, _state.Cells[index].Range, _state.Cells[index].SuperConvergence, _state.Cells[index].Active))];

    public IReadOnlyList<TrialProposal> Propose(int capacity)
    {
        var proposals = new List<TrialProposal>();
        while (proposals.Count < capacity)
        {
            if (_state.Phase == SearchPhase.RangeTests && _state.RangeTestsIssued < RangeTestCount)
            {
                // Seed-major: every cell gets its first range test before any cell gets its second.
                var index = _state.RangeTestsIssued++;
                var cell = _cells[index % _cells.Count];
                var seed = SeededDraws.TrialSeed(_spec.Seed, RangeTestSeedStream, (ulong)index);
                proposals.Add(new RangeTestProposal(_configs.RangeTest(cell, seed), cell.Name));
            }
            else if (_state.Phase == SearchPhase.Narrowing && _state.PlanIssued < _state.Plan.Count)
            {
                var planned = _state.Plan[_state.PlanIssued++];
                var cycle = CycleOf(_state.Level);
                _budget.Charge(cycle);
                var cell = _cells[planned.Cell];
                proposals.Add(new TrainingProposal(_configs.Train(planned.MaxLr, cell, cycle, planned.Seed), _state.Round, cell.Name));
            }
            else
            {
                break; // waiting for results, or done
            }
        }

        return proposals;
    }

    public void Observe(TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!_cellByName.TryGetValue(result.Proposal.Cell, out var cell))
        {
            return;
        }

        if (result.Proposal is RangeTestProposal && _state.Phase == SearchPhase.RangeTests)
        {
            ObserveRangeTest(cell, result);
        }
        else if (result.Proposal is TrainingProposal { Config: var train } && _state.Phase == SearchPhase.Narrowing
            && result.Proposal.Round == _state.Round && !_state.RoundSeen.Contains(result.TrialId))
        {
            ObserveTrial(cell, train.MaxLr, result);
        }
    }

    public string SaveState()
    {
        _state.TrialsIssued = _budget.TrialsIssued;
        _state.EpochsIssued = _budget.EpochsIssued;
        return StrategyStateJson.Write(StateName, StateVersion, _state);
    }

    private AdaptiveState Fresh() => new()
    {
        Interval = _spec.SearchSpace.MaxLr,
        RangeTestsSeen = [.. _cells.Select(_ => 0)],
        Cells = [.. _cells.Select(_ => new CellState())],
    };

    private void ObserveRangeTest(int cell, TrialResult result)
    {
        if (_state.RangeTestsSeen[cell] >= _spec.RangeTest.Seeds)
        {
            return;
        }

        _state.RangeTestsSeen[cell]++;
        if (result.Curve is { Count: > 0 } curve)
        {
            _state.Curves.Add(new CellCurve(cell, [.. curve]));
        }

        if (_state.RangeTestsSeen[cell] == _spec.RangeTest.Seeds)
        {
            ReadCell(cell);
        }

        if (_state.RangeTestsSeen.All(seen => seen == _spec.RangeTest.Seeds))
        {
            StartNarrowing();
        }
    }

    /// <summary>Reads a cell's curves (all seeds together) into its max-LR range, inside the spec's interval.</summary>
    private void ReadCell(int cell)
    {
        var curves = _state.Curves.Where(curve => curve.Cell == cell).Select(curve => curve.Points).ToArray();
        _state.Curves.RemoveAll(curve => curve.Cell == cell);
        var state = _state.Cells[cell];
        var space = _spec.SearchSpace.MaxLr;
        if (curves.Length == 0)
        {
            // Every range test failed: no information, search the whole space.
            (state.Range, state.Active, state.Unbounded) = (space, true, "no range test returned a curve");
            return;
        }

        var estimate = _reading.Read(curves);
        state.SuperConvergence = estimate.SuperConvergence;
        state.Weight = estimate.SuperConvergence ? 2 : 1;
        if (estimate.NoSignal is { } reason)
        {
            // Curves that never showed the loss falling bound nothing: search the spec's interval and say so.
            (state.Range, state.Active, state.Unbounded) = (space, true, reason);
            return;
        }

        state.OpenTop = estimate.OpenTop;
        state.Range = estimate.Bounds switch
        {
            null => null,
            // The curves want more than the spec allows: search the top of the allowed interval.
            { Min: var min } when min > space.Max => NarrowingRule.FitInside(
                new LrRange(space.Max / Math.Pow(10, AboveSpaceSliceDecades), space.Max), space),
            { } bounds => LogScale.Intersect(bounds, space),
        };
        state.Active = state.Range is not null;
    }

    private void StartNarrowing()
    {
        if (_state.Cells.All(cell => !cell.Active))
        {
            // No cell's range tests gave usable bounds: fall back to the spec's interval everywhere.
            foreach (var cell in _state.Cells)
            {
                (cell.Range, cell.Active) = (_spec.SearchSpace.MaxLr, true);
            }
        }

        _state.Interval = ActiveHull();
        _state.BoundsSource = BoundsSource();
        _state.History.Add(new RoundBounds(0, _state.Interval, null));
        _state.Phase = SearchPhase.Narrowing;
        _state.Levels = LevelShares.Affordable(_cycles, _options.MinRoundSize, _options.MinFinalRoundSize, _budget.TrialsLeft, _budget.EpochsLeft);
        _state.LastLevel = _state.Levels.Count - 1;
        EnterLevel(0);
        PlanNextRound();
    }

    private void ObserveTrial(int cell, double maxLr, TrialResult result)
    {
        _state.RoundSeen.Add(result.TrialId);
        var diverged = result.End == TrialEnd.Diverged;
        double? accuracy = result is { End: TrialEnd.Completed, Accuracy: { } value } && double.IsFinite(value) ? value : null;
        _state.RoundResults.Add(new RoundResult(cell, maxLr, accuracy, diverged));
        if (diverged && _state.Cells[cell].Range is { } range)
        {
            // A divergence is a hard upper bound for its cell: nothing at or above this LR is worth a trial.
            var ceiling = Math.Min(range.Max, maxLr);
            _state.Cells[cell].Range = new LrRange(Math.Min(range.Min, ceiling), ceiling);
        }

        if (_state.RoundSeen.Count == _state.Plan.Count)
        {
            FinishRound();
        }
    }

    private void FinishRound()
    {
        var results = _state.RoundResults;
        var best = results.Where(result => result.Accuracy is not null).Max(result => result.Accuracy);
        _state.History.Add(new RoundBounds(_state.Round, _state.Interval, best));
        foreach (var result in results.Where(result => result.Accuracy is not null))
        {
            var cell = _state.Cells[result.Cell];
            cell.LevelBest = Math.Max(cell.LevelBest ?? double.MinValue, result.Accuracy!.Value);
        }

        ReweightCells(results);
        var hull = ActiveHull();
        _state.Interval = LogScale.Intersect(NarrowingRule.Next(_state.Interval, hull, results, _options), hull) ?? hull;
        var lastLevel = _state.LastLevel;
        if (_state.Confirming || (LogScale.Decades(_state.Interval) < _options.ToleranceDecades && _state.Level == lastLevel))
        {
            Finish();
            return;
        }

        if (LogScale.Decades(_state.Interval) < _options.ToleranceDecades)
        {
            // Converged on a short cycle: confirm the survivors once at the longest cycle, then stop.
            _state.Confirming = true;
            KeepBestCells();
            _state.Level = lastLevel;
            EnterLevel(lastLevel);
        }

        PlanNextRound();
    }

    /// <summary>
    /// The next round's trials follow the best ones: a cell's weight is 1 plus twice its trials among the round's
    /// best (plus 1 if its range tests showed super-convergence). At a high LR the cells with less weight
    /// decay win, so weight flows to them as the bounds move up.
    /// </summary>
    private void ReweightCells(IReadOnlyList<RoundResult> results)
    {
        var inTop = NarrowingRule.BestTrials(results, _options).GroupBy(result => result.Cell).ToDictionary(group => group.Key, group => group.Count());
        foreach (var cell in results.Select(result => result.Cell).Distinct())
        {
            var state = _state.Cells[cell];
            state.Weight = 1 + 2 * inTop.GetValueOrDefault(cell) + (state.SuperConvergence ? 1 : 0);
        }
    }

    private void PlanNextRound()
    {
        while (true)
        {
            var cycle = CycleOf(_state.Level);
            var levelCapacity = Math.Min(
                Math.Min(_state.LevelTrialsLeft, _state.LevelEpochsLeft / cycle),
                Math.Min(_budget.TrialsLeft - PlannedNotIssued(), (_budget.EpochsLeft - PlannedNotIssued() * cycle) / cycle));
            var size = (int)Math.Min(RoundSize, levelCapacity);
            if (levelCapacity - size < _options.MinRoundSize)
            {
                size = (int)levelCapacity; // too little would be left for another round at this cycle: use it now
            }

            var isLastLevel = _state.Level == _state.LastLevel;
            if (size >= _options.MinRoundSize || (size >= 1 && (isLastLevel || _state.Confirming)))
            {
                PlanRound(size, cycle);
                return;
            }

            if (isLastLevel || _state.Confirming)
            {
                Finish();
                return;
            }

            // This cycle length's share cannot fill a round: move on to the next longer cycle with the better cells.
            KeepBestCells();
            EnterLevel(_state.Level + 1);
        }
    }

    /// <summary>The cycle length of a level (states saved before levels could skip a length map levels to lengths one to one).</summary>
    private int CycleOf(int level) => _cycles[_state.Levels is { } levels ? levels[level] : level];

    private long PlannedNotIssued() => _state.Plan.Count - _state.PlanIssued;

    private void PlanRound(int size, int cycle)
    {
        _state.Round++;
        _state.LevelTrialsLeft -= size;
        _state.LevelEpochsLeft -= (long)size * cycle;
        var eligible = _state.Cells
            .Select((cell, index) => (cell, index, range: cell.Active && cell.Range is { } own ? LogScale.Intersect(own, _state.Interval) : null))
            .Where(entry => entry.range is not null)
            .Select(entry => new RoundDraws.Cell(entry.index, entry.range!, entry.cell.Weight))
            .ToList();
        if (eligible.Count == 0)
        {
            // Divergences moved every cell's ceiling below the bounds: draw from the cells' own ranges.
            eligible = [.. _state.Cells
                .Select((cell, index) => (cell, index))
                .Where(entry => entry.cell.Active && entry.cell.Range is not null)
                .Select(entry => new RoundDraws.Cell(entry.index, entry.cell.Range!, entry.cell.Weight))];
        }

        _state.Plan = [.. RoundDraws.Draw(eligible, size, _state.Round, _spec.Seed)];
        _state.PlanIssued = 0;
        _state.RoundResults = [];
        _state.RoundSeen = [];
    }

    /// <summary>At a new cycle length, the budget left is shared by the cycle lengths still to come.</summary>
    private void EnterLevel(int level)
    {
        _state.Level = level;
        var cyclesLeft = Enumerable.Range(level, _state.LastLevel - level + 1).Select(CycleOf).ToArray();
        (_state.LevelTrialsLeft, _state.LevelEpochsLeft) = LevelShares.Of(
            cyclesLeft, _options.LevelShareExponent, _budget.TrialsLeft, _budget.EpochsLeft);
        foreach (var cell in _state.Cells)
        {
            cell.LevelBest = null;
        }
    }

    /// <summary>Only the better cells (by best accuracy at the cycle length ending) go on to longer cycles.</summary>
    private void KeepBestCells()
    {
        var active = _state.Cells.Select((cell, index) => (cell, index)).Where(entry => entry.cell.Active).ToArray();
        var keep = Math.Max(1, (int)Math.Ceiling(active.Length * _options.CellKeepShare));
        foreach (var (cell, _) in active.OrderByDescending(entry => entry.cell.LevelBest ?? double.MinValue).ThenBy(entry => entry.index).Skip(keep))
        {
            cell.Active = false;
        }
    }

    /// <summary>What the status and the live view show about the first bounds: range tests, or the spec's interval and why.</summary>
    private string BoundsSource()
    {
        var unbounded = _cells.Select((cell, index) => (cell, _state.Cells[index])).Where(entry => entry.Item2.Unbounded is not null).ToArray();
        var openTop = _cells.Select((cell, index) => (cell, _state.Cells[index])).Where(entry => entry.Item2.OpenTop is not null).ToArray();
        var tops = openTop.Length == 0 ? "" : "; upper end from the spec for " + string.Join("; ", openTop.Select(entry => $"{entry.cell.Name}: {entry.Item2.OpenTop}"));
        if (unbounded.Length == 0)
        {
            return "range tests" + tops;
        }

        var why = string.Join("; ", unbounded.Select(entry => $"{entry.cell.Name}: {entry.Item2.Unbounded}"));
        return unbounded.Length == _cells.Count
            ? $"spec interval (the range tests bound nothing): {why}"
            : $"range tests, except the spec interval for {why}{tops}";
    }

    private LrRange ActiveHull()
    {
        var ranges = _state.Cells.Where(cell => cell.Active && cell.Range is not null).Select(cell => cell.Range!).ToArray();
        return ranges.Length == 0 ? _spec.SearchSpace.MaxLr : new LrRange(ranges.Min(range => range.Min), ranges.Max(range => range.Max));
    }

    private void Finish()
    {
        _state.Phase = SearchPhase.Done;
        _state.Plan = [];
        _state.PlanIssued = 0;
    }
}
