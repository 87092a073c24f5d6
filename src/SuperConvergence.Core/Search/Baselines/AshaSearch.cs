namespace SuperConvergence.Core.Search.Baselines;

/// <summary>
/// Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter Tuning"), with the
/// cycle length as the fidelity. Rung r trains with the r-th shortest of the spec's cycle lengths. Whenever a slot
/// is free, the highest rung that has a promotable config wins: a config is promotable from rung r when it is in
/// the top 1/η of everything that finished at rung r and has not been promoted yet. Promotion launches a NEW trial
/// of the same config (max LR, cell, seed) with the next longer cycle — a 1cycle run is never stopped and judged
/// mid-cycle, where its LR is at its peak and its accuracy says little about where the cycle ends. With nothing
/// to promote, a new config is drawn as random search would and starts at rung 0.
/// </summary>
public sealed class AshaSearch : ISearchStrategy
{
    /// <summary>η: one config in three goes up a rung, the value the ASHA paper and Ray Tune use.</summary>
    public const int DefaultReductionFactor = 3;

    internal const string StateName = "asha";
    private const int StateVersion = 1;
    private const double NoScore = -1; // below any accuracy: diverged, failed and cancelled trials
    private const ulong CellStream = 0x41534841_43454C4C;
    private const ulong LrStream = 0x41534841_4C524C52;
    private const ulong SeedStream = 0x41534841_53454544;

    private readonly SweepSpec _spec;
    private readonly int _reductionFactor;
    private readonly IReadOnlyList<SearchCell> _cells;
    private readonly int[] _rungCycles;
    private readonly TrialConfigs _trialConfigs;
    private readonly TrialBudget _budget;
    private readonly List<Config> _configs;
    private readonly Dictionary<int, int> _configBySeed;
    private readonly Rung[] _rungs;
    private long _seedDraws;

    public AshaSearch(SweepSpec spec, string? savedState = null, int reductionFactor = DefaultReductionFactor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);
        _spec = spec;
        _reductionFactor = reductionFactor;
        _cells = SearchCell.AllOf(spec.SearchSpace);
        _rungCycles = [.. spec.SearchSpace.CycleEpochs.Distinct().Order()];
        _trialConfigs = new TrialConfigs(spec);
        var state = savedState is null
            ? new State(0, 0, 0, [], [.. _rungCycles.Select(_ => new RungState(0, null, null, [], [], []))])
            : StrategyStateJson.Read<State>(savedState, StateName, StateVersion);
        if (state.Rungs.Count != _rungCycles.Length)
        {
            throw new ArgumentException($"Saved ASHA state has {state.Rungs.Count} rungs; the spec has {_rungCycles.Length} cycle lengths.", nameof(savedState));
        }

        _budget = new TrialBudget(spec.Budget, state.Issued, state.Epochs);
        _seedDraws = state.SeedDraws;
        _configs = [.. state.Configs];
        _configBySeed = _configs.Select((config, index) => (config.Seed, index)).ToDictionary(pair => pair.Seed, pair => pair.index);
        _rungs = [.. state.Rungs.Select(Rung.From)];
    }

    /// <summary>The cycle length of each rung, shortest first.</summary>
    public IReadOnlyList<int> RungCycles => _rungCycles;

    public bool IsFinished => !_budget.Fits(_rungCycles[0]);

    public SearchProgress Progress
    {
        get
        {
            var history = _rungs
                .Select((rung, index) => (rung, index))
                .Where(pair => pair.rung.Launched > 0)
                .Select(pair => new RoundBounds(pair.index + 1, new LrRange(pair.rung.LrMin!.Value, pair.rung.LrMax!.Value), pair.rung.BestAccuracy))
                .ToArray();
            return new SearchProgress(
                history.Length == 0 ? 1 : history[^1].Round,
                _spec.SearchSpace.MaxLr,
                IsFinished ? SearchPhase.Done : SearchPhase.Halving,
                history);
        }
    }

    public IReadOnlyList<TrialProposal> Propose(int capacity)
    {
        var proposals = new List<TrialProposal>();
        while (proposals.Count < capacity && !IsFinished)
        {
            var (configIndex, rung) = FindPromotion() ?? (NewConfig(), 0);
            var config = _configs[configIndex];
            var cycle = _rungCycles[rung];
            _budget.Charge(cycle);
            _rungs[rung].Launch(config.MaxLr);
            if (rung > 0)
            {
                _rungs[rung - 1].Promoted.Add(configIndex);
            }

            var cell = _cells[config.Cell];
            proposals.Add(new TrainingProposal(_trialConfigs.Train(config.MaxLr, cell, cycle, config.Seed), rung + 1, cell.Name));
        }

        return proposals;
    }

    public void Observe(TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rung = result.Proposal.Round - 1;
        if (result.Proposal is not TrainingProposal { Config: var train } || rung < 0 || rung >= _rungs.Length
            || !_configBySeed.TryGetValue(train.Seed, out var configIndex))
        {
            return; // not a trial of this sweep's ASHA; nothing to learn from it
        }

        var score = result is { End: TrialEnd.Completed, Accuracy: { } accuracy } && double.IsFinite(accuracy) ? accuracy : NoScore;
        _rungs[rung].Record(configIndex, score);
    }

    public string SaveState() => StrategyStateJson.Write(StateName, StateVersion, new State(
        _budget.TrialsIssued,
        _budget.EpochsIssued,
        _seedDraws,
        _configs,
        [.. _rungs.Select(rung => rung.ToState())]));

    /// <summary>
    /// The best not-yet-promoted config in the top 1/η of a rung, trying the highest rung first (finishing good
    /// configs beats starting new ones). Scans at most the top 1/η of a rung, where promoted configs collect.
    /// </summary>
    private (int Config, int Rung)? FindPromotion()
    {
        for (var rung = _rungs.Length - 2; rung >= 0; rung--)
        {
            if (!_budget.Fits(_rungCycles[rung + 1]))
            {
                continue;
            }

            var source = _rungs[rung];
            var top = source.Ranked.Count / _reductionFactor;
            foreach (var (score, config) in source.Ranked.Take(top))
            {
                if (score > NoScore && !source.Promoted.Contains(config))
                {
                    return (config, rung + 1);
                }
            }
        }

        return null;
    }

    private int NewConfig()
    {
        var index = _configs.Count;
        int seed;
        do
        {
            seed = SeededDraws.TrialSeed(_spec.Seed, SeedStream, (ulong)_seedDraws++);
        }
        while (_configBySeed.ContainsKey(seed)); // the seed identifies the config when its results come back

        var maxLr = LogScale.At(_spec.SearchSpace.MaxLr, SeededDraws.Unit(_spec.Seed, LrStream, (ulong)index));
        _configs.Add(new Config(maxLr, SeededDraws.Below(_spec.Seed, CellStream, (ulong)index, _cells.Count), seed));
        _configBySeed[seed] = index;
        return index;
    }

    /// <summary>A sampled configuration; it keeps its seed on every rung, so a promotion reruns it longer, not differently.</summary>
    private sealed record Config(double MaxLr, int Cell, int Seed);

    private sealed record State(long Issued, long Epochs, long SeedDraws, IReadOnlyList<Config> Configs, IReadOnlyList<RungState> Rungs);

    private sealed record RungState(
        int Launched,
        double? LrMin,
        double? LrMax,
        IReadOnlyList<int> Configs,
        IReadOnlyList<double> Scores,
        IReadOnlyList<int> Promoted);

    /// <summary>One fidelity level: what finished there, ranked best first, and which of those went up.</summary>
    private sealed class Rung
    {
        private readonly Dictionary<int, double> _scores = [];

        public SortedSet<(double Score, int Config)> Ranked { get; } = new(Comparer<(double Score, int Config)>.Create(
            (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Config.CompareTo(b.Config)));

        public HashSet<int> Promoted { get; } = [];

        public int Launched { get; private set; }

        public double? LrMin { get; private set; }

        public double? LrMax { get; private set; }

        public double? BestAccuracy => Ranked.Count > 0 && Ranked.Min.Score > NoScore ? Ranked.Min.Score : null;

        public static Rung From(RungState state)
        {
            var rung = new Rung { Launched = state.Launched, LrMin = state.LrMin, LrMax = state.LrMax };
            for (var i = 0; i < state.Configs.Count; i++)
            {
                rung.Record(state.Configs[i], state.Scores[i]);
            }

            rung.Promoted.UnionWith(state.Promoted);
            return rung;
        }

        public void Launch(double maxLr)
        {
            Launched++;
            LrMin = Math.Min(LrMin ?? maxLr, maxLr);
            LrMax = Math.Max(LrMax ?? maxLr, maxLr);
        }

        public void Record(int config, double score)
        {
            if (_scores.TryAdd(config, score))
            {
                Ranked.Add((score, config));
            }
        }

        public RungState ToState() => new(
            Launched,
            LrMin,
            LrMax,
            [.. _scores.Keys],
            [.. _scores.Values],
            [.. Promoted.Order()]);
    }
}
