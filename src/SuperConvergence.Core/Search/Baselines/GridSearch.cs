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
    private const ulong SeedStream = 0x47524944_53454544;

    private readonly IndexedSearchLedger _ledger;

    public GridSearch(SweepSpec spec, string? savedState = null)
    {
        _ledger = new IndexedSearchLedger(spec, StateName, savedState);
        LrPoints = LrPointsFor(spec.Budget, _ledger.Cells.Count, _ledger.Cycles);
    }

    /// <summary>K, the number of max-LR values on the grid.</summary>
    public int LrPoints { get; }

    /// <summary>Trials in the full grid: K × cells × cycle lengths.</summary>
    public long Size => (long)LrPoints * _ledger.Cells.Count * _ledger.Cycles.Length;

    public bool IsFinished => _ledger.Budget.TrialsIssued >= Size || !_ledger.Budget.Fits(CycleOf(_ledger.Budget.TrialsIssued));

    public SearchProgress Progress => _ledger.Progress(IsFinished);

    public IReadOnlyList<TrialProposal> Propose(int capacity)
    {
        var proposals = new List<TrialProposal>();
        while (proposals.Count < capacity && !IsFinished)
        {
            var index = _ledger.Budget.TrialsIssued;
            var cell = _ledger.Cells[(int)(index % _ledger.Cells.Count)];
            var lrIndex = (int)(index / _ledger.Cells.Count % LrPoints);
            var cycle = CycleOf(index);
            var maxLr = LogScale.At(_ledger.Spec.SearchSpace.MaxLr, (lrIndex + 0.5) / LrPoints);
            var seed = SeededDraws.TrialSeed(_ledger.Spec.Seed, SeedStream, (ulong)index);
            _ledger.Budget.Charge(cycle);
            proposals.Add(new TrainingProposal(_ledger.Configs.Train(maxLr, cell, cycle, seed), BaselineProgress.OnlyRound, cell.Name));
        }

        return proposals;
    }

    public void Observe(TrialResult result) => _ledger.Observe(result);

    public string SaveState() => _ledger.SaveState();

    /// <summary>The largest K whose full grid fits both the trial count and the epoch budget; 1 when none does.</summary>
    internal static int LrPointsFor(BudgetSpec budget, int cells, IReadOnlyList<int> cycles)
    {
        var byTrials = budget.MaxTrials / ((long)cells * cycles.Count);
        var byEpochs = budget.TrialEpochs / ((long)cells * cycles.Sum(cycle => (long)cycle));
        return (int)Math.Clamp(Math.Min(byTrials, byEpochs), 1, int.MaxValue);
    }

    private int CycleOf(long index) => _ledger.Cycles[(int)Math.Min(index / ((long)_ledger.Cells.Count * LrPoints), _ledger.Cycles.Length - 1)];
}
