namespace SuperConvergence.Core.Search.Baselines;

/// <summary>
/// The baseline every tuner offers: max LR log-uniform over the spec's interval, batch size, weight decay and cycle
/// length uniform over their lists. Trial i's draws depend only on (seed, i), so the state is three numbers and
/// each call costs O(1) per trial — a 100,000-trial sweep stays cheap to run and to persist.
/// </summary>
public sealed class RandomSearch : ISearchStrategy
{
    internal const string StateName = "random";

    private const ulong CellStream = 0x52414E44_43454C4C; // one independent stream per dimension
    private const ulong CycleStream = 0x52414E44_4359434C;
    private const ulong LrStream = 0x52414E44_4C524C52;
    private const ulong SeedStream = 0x52414E44_53454544;

    private readonly IndexedSearchLedger _ledger;

    public RandomSearch(SweepSpec spec, string? savedState = null) => _ledger = new IndexedSearchLedger(spec, StateName, savedState);

    public bool IsFinished => !_ledger.Budget.Fits(_ledger.Cycles[0]);

    public SearchProgress Progress => _ledger.Progress(IsFinished);

    public IReadOnlyList<TrialProposal> Propose(int capacity)
    {
        var proposals = new List<TrialProposal>();
        while (proposals.Count < capacity && !IsFinished)
        {
            var index = (ulong)_ledger.Budget.TrialsIssued;
            var cell = _ledger.Cells[SeededDraws.Below(_ledger.Spec.Seed, CellStream, index, _ledger.Cells.Count)];
            // Uniform over the cycle lengths that still fit, so the last epochs of the budget are not left unspent.
            var fitting = CountFitting(_ledger.Budget.EpochsLeft);
            var cycle = _ledger.Cycles[SeededDraws.Below(_ledger.Spec.Seed, CycleStream, index, fitting)];
            var maxLr = LogScale.At(_ledger.Spec.SearchSpace.MaxLr, SeededDraws.Unit(_ledger.Spec.Seed, LrStream, index));
            var seed = SeededDraws.TrialSeed(_ledger.Spec.Seed, SeedStream, index);
            _ledger.Budget.Charge(cycle);
            proposals.Add(new TrainingProposal(_ledger.Configs.Train(maxLr, cell, cycle, seed), BaselineProgress.OnlyRound, cell.Name));
        }

        return proposals;
    }

    public void Observe(TrialResult result) => _ledger.Observe(result);

    public string SaveState() => _ledger.SaveState();

    private int CountFitting(long epochsLeft)
    {
        var count = 0;
        while (count < _ledger.Cycles.Length && _ledger.Cycles[count] <= epochsLeft)
        {
            count++;
        }

        return count;
    }
}
