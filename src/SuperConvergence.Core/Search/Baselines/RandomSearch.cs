namespace SuperConvergence.Core.Search.Baselines;

/// <summary>
/// The baseline every tuner offers: max LR log-uniform over the spec's interval, batch size, weight decay and cycle
/// length uniform over their lists. Trial i's draws depend only on (seed, i), so the state is three numbers and
/// each call costs O(1) per trial — a 100,000-trial sweep stays cheap to run and to persist.
/// </summary>
public sealed class RandomSearch : ISearchStrategy
{
    internal const string StateName = "random";
    private const int StateVersion = 1;

    private const ulong CellStream = 0x52414E44_43454C4C; // one independent stream per dimension
    private const ulong CycleStream = 0x52414E44_4359434C;
    private const ulong LrStream = 0x52414E44_4C524C52;
    private const ulong SeedStream = 0x52414E44_53454544;

    private readonly SweepSpec _spec;
    private readonly IReadOnlyList<SearchCell> _cells;
    private readonly int[] _cycles;
    private readonly TrialConfigs _configs;
    private readonly TrialBudget _budget;
    private double? _bestAccuracy;

    public RandomSearch(SweepSpec spec, string? savedState = null)
    {
        _spec = spec;
        _cells = SearchCell.AllOf(spec.SearchSpace);
        _cycles = [.. spec.SearchSpace.CycleEpochs.Order()];
        _configs = new TrialConfigs(spec);
        var state = savedState is null ? new State(0, 0, null) : StrategyStateJson.Read<State>(savedState, StateName, StateVersion);
        _budget = new TrialBudget(spec.Budget, state.Issued, state.Epochs);
        _bestAccuracy = state.BestAccuracy;
    }

    public bool IsFinished => !_budget.Fits(_cycles[0]);

    public SearchProgress Progress => BaselineProgress.Of(_spec, IsFinished, _bestAccuracy);

    public IReadOnlyList<TrialProposal> Propose(int capacity)
    {
        var proposals = new List<TrialProposal>();
        while (proposals.Count < capacity && !IsFinished)
        {
            var index = (ulong)_budget.TrialsIssued;
            var cell = _cells[SeededDraws.Below(_spec.Seed, CellStream, index, _cells.Count)];
            // Uniform over the cycle lengths that still fit, so the last epochs of the budget are not left unspent.
            var fitting = CountFitting(_budget.EpochsLeft);
            var cycle = _cycles[SeededDraws.Below(_spec.Seed, CycleStream, index, fitting)];
            var maxLr = LogScale.At(_spec.SearchSpace.MaxLr, SeededDraws.Unit(_spec.Seed, LrStream, index));
            var seed = SeededDraws.TrialSeed(_spec.Seed, SeedStream, index);
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

    private int CountFitting(long epochsLeft)
    {
        var count = 0;
        while (count < _cycles.Length && _cycles[count] <= epochsLeft)
        {
            count++;
        }

        return count;
    }

    private sealed record State(long Issued, long Epochs, double? BestAccuracy);
}
