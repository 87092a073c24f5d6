namespace SuperConvergence.Core.Search.Baselines;

/// <summary>
/// The generic tuner's baseline: the Tree-structured Parzen Estimator (Bergstra et al., "Algorithms for
/// Hyper-Parameter Optimization", NeurIPS 2011) as Optuna's default <c>TPESampler</c> runs it, so the adaptive search
/// is compared with what people actually use. It knows nothing of range tests or of the 1cycle schedule: four
/// parameters — max LR (continuous, log scale over <c>searchSpace.maxLr</c>), weight decay, batch size and cycle
/// length (categorical over the spec's lists) — and one number per trial, its final test accuracy.
/// </summary>
/// <remarks>
/// <para>
/// Until <see cref="TpeDefaults.StartupTrials"/> (10) trials have been observed, trials are drawn as random search
/// draws them. After that, each proposal splits the observations into the γ(n) = min(⌈n/10⌉, 25) best (good) and
/// the rest (bad), fits one Parzen estimator per parameter and group — l(x) from the good, g(x) from the bad —
/// draws 24 candidates from l(x) and proposes the one with the largest log l(x) − log g(x), for each parameter
/// independently (Optuna's univariate default: no joint model of the parameters).
/// </para>
/// <para>
/// A diverged trial is an observation: its accuracy if it reported one, otherwise the worst score (below every
/// accuracy), since a max LR that diverges is exactly what the model must learn to avoid. Failed and cancelled
/// trials say nothing about the configuration and are not observations, as Optuna ignores failed trials.
/// </para>
/// <para>
/// With several slots, trials are proposed from the observations so far: the trials still running are not in the
/// model (Optuna without its <c>constant_liar</c> option), so proposals made together come from the same l(x)/g(x)
/// and differ only by their draws. The budget is spent as random search spends it: a trial is charged its whole
/// cycle when proposed, and the cycle is chosen among the lengths that still fit, so the search ends when not even
/// the shortest fits.
/// </para>
/// <para>
/// Every draw is a pure function of (seed, parameter, proposal number, candidate), so the saved state is the budget's
/// counters, the trial seeds drawn, the trials in flight and the observations; each proposal costs O(n log n) in the
/// n observations, and the state grows by one observation per trial, as a TPE study's history does.
/// </para>
/// </remarks>
public sealed class TpeSearch : ISearchStrategy
{
    internal const string StateName = "tpe";
    private const int StateVersion = 1;

    private const ulong LrStream = 0x54504553_4C524C52; // one independent stream per parameter
    private const ulong WeightDecayStream = 0x54504553_57444B59;
    private const ulong BatchSizeStream = 0x54504553_42415443;
    private const ulong CycleStream = 0x54504553_4359434C;
    private const ulong SeedStream = 0x54504553_53454544;

    private readonly SweepSpec _spec;
    private readonly double _logLow;
    private readonly double _logHigh;
    private readonly int[] _cycles;
    private readonly TrialConfigs _configs;
    private readonly TrialBudget _budget;
    private readonly Dictionary<int, long> _pending;
    private readonly List<TpeObservation> _observations;
    private long _seedDraws;
    private double? _bestAccuracy;

    public TpeSearch(SweepSpec spec, string? savedState = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        _logLow = Math.Log(spec.SearchSpace.MaxLr.Min);
        _logHigh = Math.Log(spec.SearchSpace.MaxLr.Max);
        _cycles = [.. spec.SearchSpace.CycleEpochs.Order()];
        _configs = new TrialConfigs(spec);
        var state = savedState is null ? new State(0, 0, 0, null, [], []) : StrategyStateJson.Read<State>(savedState, StateName, StateVersion);
        _budget = new TrialBudget(spec.Budget, state.Issued, state.Epochs);
        _seedDraws = state.SeedDraws;
        _bestAccuracy = state.BestAccuracy;
        _pending = state.Pending.ToDictionary(trial => trial.Seed, trial => trial.Number);
        _observations = [.. state.Observations];
    }

    public bool IsFinished => !_budget.Fits(_cycles[0]);

    public SearchProgress Progress => BaselineProgress.Of(_spec, IsFinished, _bestAccuracy);

    /// <summary>Observations so far (completed and diverged trials).</summary>
    internal int Observations => _observations.Count;

    /// <summary>True while proposals are random startup draws.</summary>
    internal bool InStartup => _observations.Count < TpeDefaults.StartupTrials;

    public IReadOnlyList<TrialProposal> Propose(int capacity)
    {
        var proposals = new List<TrialProposal>();
        Model? model = null; // the observations do not change within a call: fit once
        while (proposals.Count < capacity && !IsFinished)
        {
            var number = _budget.TrialsIssued;
            var fitting = CountFitting(_budget.EpochsLeft);
            var choice = InStartup ? DrawRandom(number, fitting) : (model ??= Fit()).Draw(_spec.Seed, (ulong)number, fitting);
            var cycle = _cycles[choice.Cycle];
            var cell = new SearchCell(_spec.SearchSpace.BatchSize[choice.BatchSize], _spec.SearchSpace.WeightDecay[choice.WeightDecay]);
            var maxLr = LogScale.Clamp(_spec.SearchSpace.MaxLr, Math.Exp(choice.LogMaxLr));
            var seed = NewSeed();
            _budget.Charge(cycle);
            _pending[seed] = number;
            proposals.Add(new TrainingProposal(_configs.Train(maxLr, cell, cycle, seed), BaselineProgress.OnlyRound, cell.Name));
        }

        return proposals;
    }

    public void Observe(TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Proposal is not TrainingProposal { Config: var train } || !_pending.Remove(train.Seed, out var number))
        {
            return; // not a trial this strategy has in flight; nothing to learn from it
        }

        _bestAccuracy = BaselineProgress.Better(_bestAccuracy, result);
        if (result.End is TrialEnd.Failed or TrialEnd.Cancelled)
        {
            return;
        }

        var space = _spec.SearchSpace;
        var weightDecay = IndexOf(space.WeightDecay, train.WeightDecay);
        var batchSize = IndexOf(space.BatchSize, train.BatchSize);
        var cycle = Array.IndexOf(_cycles, train.CycleEpochs);
        if (weightDecay < 0 || batchSize < 0 || cycle < 0)
        {
            return;
        }

        var score = result.Accuracy is { } accuracy && double.IsFinite(accuracy) ? accuracy : (double?)null;
        _observations.Add(new TpeObservation(number, train.MaxLr, weightDecay, batchSize, cycle, score));
    }

    public string SaveState() => StrategyStateJson.Write(StateName, StateVersion, new State(
        _budget.TrialsIssued,
        _budget.EpochsIssued,
        _seedDraws,
        _bestAccuracy,
        [.. _pending.Select(trial => new PendingTrial(trial.Key, trial.Value)).OrderBy(trial => trial.Number)],
        _observations));

    /// <summary>The startup draws: max LR log-uniform, the choices uniform, the cycle uniform over those that fit.</summary>
    private Choice DrawRandom(long number, int fitting)
    {
        var (seed, index) = (_spec.Seed, (ulong)number);
        var space = _spec.SearchSpace;
        return new Choice(
            _logLow + SeededDraws.Unit(seed, LrStream, index) * (_logHigh - _logLow),
            SeededDraws.Below(seed, WeightDecayStream, index, space.WeightDecay.Count),
            SeededDraws.Below(seed, BatchSizeStream, index, space.BatchSize.Count),
            SeededDraws.Below(seed, CycleStream, index, fitting));
    }

    private Model Fit()
    {
        var (good, bad) = TpeObservation.Split(_observations);
        var space = _spec.SearchSpace;
        return new Model(
            new ParzenEstimator([.. good.Select(LogMaxLr)], _logLow, _logHigh),
            new ParzenEstimator([.. bad.Select(LogMaxLr)], _logLow, _logHigh),
            Categorical(good, bad, observation => observation.WeightDecay, space.WeightDecay.Count),
            Categorical(good, bad, observation => observation.BatchSize, space.BatchSize.Count),
            Categorical(good, bad, observation => observation.Cycle, _cycles.Length));
    }

    private double LogMaxLr(TpeObservation observation) => Math.Clamp(Math.Log(observation.MaxLr), _logLow, _logHigh);

    private static (CategoricalParzenEstimator Good, CategoricalParzenEstimator Bad) Categorical(
        TpeObservation[] good, TpeObservation[] bad, Func<TpeObservation, int> parameter, int choices) =>
        (new CategoricalParzenEstimator([.. good.Select(parameter)], choices), new CategoricalParzenEstimator([.. bad.Select(parameter)], choices));

    /// <summary>A trainer seed no trial in flight has: results are matched to their proposal by it.</summary>
    private int NewSeed()
    {
        int seed;
        do
        {
            seed = SeededDraws.TrialSeed(_spec.Seed, SeedStream, (ulong)_seedDraws++);
        }
        while (_pending.ContainsKey(seed));

        return seed;
    }

    private int CountFitting(long epochsLeft)
    {
        var count = 0;
        while (count < _cycles.Length && _cycles[count] <= epochsLeft)
        {
            count++;
        }

        return count;
    }

    private static int IndexOf<T>(IReadOnlyList<T> values, T value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(values[i], value))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>One trial's parameters: ln max LR and indexes into the weight decays, batch sizes and sorted cycles.</summary>
    private readonly record struct Choice(double LogMaxLr, int WeightDecay, int BatchSize, int Cycle);

    /// <summary>l(x) and g(x) for each parameter, fitted to one split of the observations.</summary>
    private sealed record Model(
        ParzenEstimator GoodLr,
        ParzenEstimator BadLr,
        (CategoricalParzenEstimator Good, CategoricalParzenEstimator Bad) WeightDecay,
        (CategoricalParzenEstimator Good, CategoricalParzenEstimator Bad) BatchSize,
        (CategoricalParzenEstimator Good, CategoricalParzenEstimator Bad) Cycle)
    {
        /// <summary>Each parameter's best of <see cref="TpeDefaults.Candidates"/> draws from l(x), by log l(x) − log g(x).</summary>
        public Choice Draw(long seed, ulong number, int fitting) => new(
            Best(SeededDraws.Hash(seed, LrStream, number), GoodLr.Sample, x => GoodLr.LogDensity(x) - BadLr.LogDensity(x)),
            Best(SeededDraws.Hash(seed, WeightDecayStream, number), Sampler(WeightDecay.Good, WeightDecay.Good.Probabilities.Count), Ratio(WeightDecay)),
            Best(SeededDraws.Hash(seed, BatchSizeStream, number), Sampler(BatchSize.Good, BatchSize.Good.Probabilities.Count), Ratio(BatchSize)),
            Best(SeededDraws.Hash(seed, CycleStream, number), Sampler(Cycle.Good, fitting), Ratio(Cycle)));

        private static Func<ulong, int> Sampler(CategoricalParzenEstimator good, int allowed) =>
            hash => good.Sample(SeededDraws.ToUnit(hash), allowed);

        private static Func<int, double> Ratio((CategoricalParzenEstimator Good, CategoricalParzenEstimator Bad) pair) =>
            choice => pair.Good.LogProbability(choice) - pair.Bad.LogProbability(choice);

        /// <summary>The first candidate with the largest acquisition value (argmax keeps the earliest on ties).</summary>
        private static T Best<T>(ulong hash, Func<ulong, T> sample, Func<T, double> acquisition)
        {
            var best = default(T)!;
            var bestValue = double.NegativeInfinity;
            for (var candidate = 0UL; candidate < TpeDefaults.Candidates; candidate++)
            {
                var value = sample(SeededDraws.Combine(hash, candidate));
                var score = acquisition(value);
                if (candidate == 0 || score > bestValue)
                {
                    (best, bestValue) = (value, score);
                }
            }

            return best;
        }
    }

    private sealed record PendingTrial(int Seed, long Number);

    private sealed record State(
        long Issued,
        long Epochs,
        long SeedDraws,
        double? BestAccuracy,
        IReadOnlyList<PendingTrial> Pending,
        IReadOnlyList<TpeObservation> Observations);
}
