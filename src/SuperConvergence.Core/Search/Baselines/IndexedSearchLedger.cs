namespace SuperConvergence.Core.Search.Baselines;

/// <summary>
/// The books of a search whose trial i is computed from i alone (grid and random search): the spec's cells and cycle
/// lengths, the budget charged so far and the best accuracy seen. The budget's two counters and that accuracy are the
/// whole saved state, so a 100,000-trial sweep persists as cheaply as a small one.
/// </summary>
internal sealed class IndexedSearchLedger
{
    private const int StateVersion = 1;
    private readonly string _stateName;
    private double? _bestAccuracy;

    public IndexedSearchLedger(SweepSpec spec, string stateName, string? savedState)
    {
        _stateName = stateName;
        Spec = spec;
        Cells = SearchCell.AllOf(spec.SearchSpace);
        Cycles = [.. spec.SearchSpace.CycleEpochs.Order()];
        Configs = new TrialConfigs(spec);
        var state = savedState is null ? new State(0, 0, null) : StrategyStateJson.Read<State>(savedState, stateName, StateVersion);
        Budget = new TrialBudget(spec.Budget, state.Issued, state.Epochs);
        _bestAccuracy = state.BestAccuracy;
    }

    public SweepSpec Spec { get; }

    public IReadOnlyList<SearchCell> Cells { get; }

    /// <summary>The spec's cycle lengths, shortest first.</summary>
    public int[] Cycles { get; }

    public TrialConfigs Configs { get; }

    public TrialBudget Budget { get; }

    public SearchProgress Progress(bool finished) => BaselineProgress.Of(Spec, finished, _bestAccuracy);

    public void Observe(TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _bestAccuracy = BaselineProgress.Better(_bestAccuracy, result);
    }

    public string SaveState() => StrategyStateJson.Write(_stateName, StateVersion, new State(Budget.TrialsIssued, Budget.EpochsIssued, _bestAccuracy));

    private sealed record State(long Issued, long Epochs, double? BestAccuracy);
}
