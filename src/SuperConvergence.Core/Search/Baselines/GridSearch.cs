namespace SuperConvergence.Core.Search.Baselines;

/// <summary>
/// A log-spaced max-LR grid crossed with every cell and cycle length. The grid has as many LR points K as the
/// budget allows for the whole cross product (at least one); the points sit at the centres of K equal log-space
/// slices of the interval, so no trial is spent on the interval's edges. Trials go out shortest cycle first, so a
/// budget too small for the cross product still covers every cell at the short cycles. Trial i is computed from i
/// alone: O(1) per proposal and a constant-size state.
/// </summary>
public sealed class GridSearch : ISearchStrategy
{
    internal const string StateName = "grid";
    private const int StateVersion = 1;
    private const ulong SeedStream = 0x47524944_53454544;

    private readonly SweepSpec _spec;
    private readonly IReadOnlyList<SearchCell> _cells;
    private readonly int[] _cycles;
    private readonly TrialConfigs _configs;
    private readonly TrialBudget _budget;
    private double? _bestAccuracy;

    public GridSearch(SweepSpec spec, string? savedState = null)
    {
        _spec = spec;
        _cells = SearchCell.AllOf(spec.SearchSpace);
        _cycles = [.. spec.SearchSpace.CycleEpochs.Order()];
        _configs = new TrialConfigs(spec);
        LrPoints = LrPointsFor(spec.Budget, _cells.Count, _cycles);
        var state = savedState is null ? new State(0, 0, null) : StrategyStateJson.Read<State>(savedState, StateName, StateVersion);
        _budget = new TrialBudget(spec.Budget, state.Issued, state.Epochs);
        _bestAccuracy = state.BestAccuracy;
    }

    /// <summary>K, the number of max-LR values on the grid.</summary>
    public int LrPoints { get; }

    /// <summary>Trials in the full grid: K × cells × cycle lengths.</summary>
    public long Size => (long)LrPoints * _cells.Count * _cycles.Length;

    public bool IsFinished => _budget.TrialsIssued >= Size || !_budget.Fits(CycleOf(_budget.TrialsIssued));

    public SearchProgress Progress => BaselineProgress.Of(_spec, IsFinished, _bestAccuracy);

    public IReadOnlyList<TrialProposal> Propose(int capacity)
    {
        var proposals = new List<TrialProposal>();
        while (proposals.Count < capacity && !IsFinished)
        {
            var index = _budget.TrialsIssued;
            var cell = _cells[(int)(index % _cells.Count)];
            var lrIndex = (int)(index / _cells.Count % LrPoints);
            var cycle = CycleOf(index);
            var maxLr = LogScale.At(_spec.SearchSpace.MaxLr, (lrIndex + 0.5) / LrPoints);
            var seed = SeededDraws.TrialSeed(_spec.Seed, SeedStream, (ulong)index);
            _budget.Charge(cycle);
            proposals.Add(new TrainingProposal(_configs.Train(maxLr, cell, cycle, seed), BaselineProgress.OnlyRound, cell.Name));
        }

        return proposals;
    }

    public void Observe(TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _bestAccuracy = BaselineProgress.Better(_bestAccuracy, result);
    }

    public string SaveState() =>
        StrategyStateJson.Write(StateName, StateVersion, new State(_budget.TrialsIssued, _budget.EpochsIssued, _bestAccuracy));

    /// <summary>The largest K whose full grid fits both the trial count and the epoch budget; 1 when none does.</summary>
    internal static int LrPointsFor(BudgetSpec budget, int cells, IReadOnlyList<int> cycles)
    {
        var byTrials = budget.MaxTrials / ((long)cells * cycles.Count);
        var byEpochs = budget.TrialEpochs / ((long)cells * cycles.Sum(cycle => (long)cycle));
        return (int)Math.Clamp(Math.Min(byTrials, byEpochs), 1, int.MaxValue);
    }

    private int CycleOf(long index) => _cycles[(int)Math.Min(index / ((long)_cells.Count * LrPoints), _cycles.Length - 1)];

    private sealed record State(long Issued, long Epochs, double? BestAccuracy);
}
