namespace SuperConvergence.Core.Trials.Tabular;

/// <summary>
/// Finds the recorded run a trial or range test stands for. Weight decay, batch size and cycle length must be values
/// of the grid (a sweep over other values is refused before it starts); the max LR is rounded to the grid's nearest
/// point in log space, as tabular benchmarks do for continuous parameters; the trial's seed picks one of the recorded
/// seeds (itself when recorded, else by its remainder), so different seeds see different recorded noise. Building it checks the grid is
/// complete: every combination for every seed, every cell's range tests for every range-test seed.
/// </summary>
public sealed class TrialTableIndex
{
    private readonly TrialTable _table;

    // The grid's values, computed from the runs once here: every replayed trial looks its values up in them.
    private readonly IReadOnlyList<double> _maxLrs;
    private readonly IReadOnlyList<double> _weightDecays;
    private readonly IReadOnlyList<int> _batchSizes;
    private readonly IReadOnlyList<int> _cycleEpochs;
    private readonly IReadOnlyList<int> _seeds;
    private readonly Dictionary<(double WeightDecay, int BatchSize), int[]> _rangeTestSeeds;
    private readonly double[] _logLrs;
    private readonly Dictionary<(double WeightDecay, int BatchSize, int Cycle, int LrIndex, int Seed), TableTrial> _trials = [];
    private readonly Dictionary<(double WeightDecay, int BatchSize, int Seed), TableRangeTest> _rangeTests = [];

    public TrialTableIndex(TrialTable table, string source)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        (_maxLrs, _weightDecays, _batchSizes, _cycleEpochs, _seeds) = (table.MaxLrs, table.WeightDecays, table.BatchSizes, table.CycleEpochs, table.Seeds);
        _rangeTestSeeds = table.RangeTests.GroupBy(r => (r.WeightDecay, r.BatchSize)).ToDictionary(g => g.Key, g => g.Select(r => r.Seed).Order().ToArray());
        _logLrs = [.. _maxLrs.Select(lr => Math.Log(lr))];
        var lrIndex = _maxLrs.Select((lr, i) => (lr, i)).ToDictionary(p => p.lr, p => p.i);
        for (var i = 0; i < table.Trials.Count; i++)
        {
            var t = table.Trials[i];
            if (!_trials.TryAdd((t.WeightDecay, t.BatchSize, t.CycleEpochs, lrIndex[t.MaxLr], t.Seed), t))
            {
                throw new TrialTableFormatException($"{source}: trials[{i}]: {Describe(t)} is recorded twice");
            }
        }

        var expected = (long)_maxLrs.Count * _weightDecays.Count * _batchSizes.Count * _cycleEpochs.Count * _seeds.Count;
        if (_trials.Count != expected)
        {
            var missing = (from wd in _weightDecays
                           from bs in _batchSizes
                           from cycle in _cycleEpochs
                           from lr in Enumerable.Range(0, _maxLrs.Count)
                           from seed in _seeds
                           where !_trials.ContainsKey((wd, bs, cycle, lr, seed))
                           select string.Create(CultureInfo.InvariantCulture, $"maxLr {_maxLrs[lr]:R}, weightDecay {wd:R}, batchSize {bs}, cycleEpochs {cycle}, seed {seed}")).First();
            throw new TrialTableFormatException($"{source}: trials: the grid is incomplete: no run for {missing}");
        }

        for (var i = 0; i < table.RangeTests.Count; i++)
        {
            var r = table.RangeTests[i];
            if (!_rangeTests.TryAdd((r.WeightDecay, r.BatchSize, r.Seed), r))
            {
                throw new TrialTableFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}: rangeTests[{i}]: weightDecay {r.WeightDecay:R}, batchSize {r.BatchSize}, seed {r.Seed} is recorded twice"));
            }
        }

        foreach (var wd in _weightDecays)
        {
            foreach (var bs in _batchSizes)
            {
                if (!_rangeTestSeeds.ContainsKey((wd, bs)))
                {
                    throw new TrialTableFormatException(string.Create(CultureInfo.InvariantCulture,
                        $"{source}: rangeTests: no curve for the cell weightDecay {wd:R}, batchSize {bs}"));
                }
            }
        }
    }

    public TrialTable Table => _table;

    /// <summary>The grid point nearest to <paramref name="maxLr"/> in log space (the lower one on a tie).</summary>
    public double NearestMaxLr(double maxLr) => _maxLrs[NearestLrIndex(maxLr)];

    /// <summary>The recorded run <paramref name="config"/> replays; throws <see cref="ArgumentException"/> for values off the grid.</summary>
    public TableTrial Trial(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var wd = OnGrid(config.WeightDecay, _weightDecays, "weight decay");
        var bs = OnGrid(config.BatchSize, _batchSizes, "batch size");
        var cycle = OnGrid(config.CycleEpochs, _cycleEpochs, "cycle length");
        return _trials[(wd, bs, cycle, NearestLrIndex(config.MaxLr), PickSeed(config.Seed, _seeds))];
    }

    /// <summary>Every recorded seed's run of the grid point nearest to the given configuration.</summary>
    public IReadOnlyList<TableTrial> AllSeeds(double maxLr, double weightDecay, int batchSize, int cycleEpochs)
    {
        var wd = OnGrid(weightDecay, _weightDecays, "weight decay");
        var bs = OnGrid(batchSize, _batchSizes, "batch size");
        var cycle = OnGrid(cycleEpochs, _cycleEpochs, "cycle length");
        var lr = NearestLrIndex(maxLr);
        return [.. _seeds.Select(seed => _trials[(wd, bs, cycle, lr, seed)])];
    }

    /// <summary>The recorded curve a range test replays (the cell's curves picked by seed like trials).</summary>
    public TableRangeTest RangeTest(RangeTestConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var wd = OnGrid(config.WeightDecay, _weightDecays, "weight decay");
        var bs = OnGrid(config.BatchSize, _batchSizes, "batch size");
        return _rangeTests[(wd, bs, PickSeed(config.Seed, _rangeTestSeeds[(wd, bs)]))];
    }

    private int NearestLrIndex(double maxLr)
    {
        if (!double.IsFinite(maxLr) || maxLr <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLr), maxLr, "The max LR must be a finite number > 0.");
        }

        var target = Math.Log(maxLr);
        var best = 0;
        for (var i = 1; i < _logLrs.Length; i++)
        {
            if (Math.Abs(_logLrs[i] - target) < Math.Abs(_logLrs[best] - target))
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// A recorded seed replays itself (so a run with that seed can be checked against the table); any other 32-bit
    /// seed picks one by its non-negative remainder.
    /// </summary>
    private static int PickSeed(int seed, IReadOnlyList<int> recorded) =>
        recorded.Contains(seed) ? seed : recorded[(int)((uint)seed % (uint)recorded.Count)];

    private static T OnGrid<T>(T value, IReadOnlyList<T> grid, string what)
        where T : IComparable<T>
    {
        foreach (var point in grid)
        {
            if (value.CompareTo(point) == 0 || (value is double v && point is double p && Math.Abs(v - p) <= 1e-12 * Math.Max(Math.Abs(v), Math.Abs(p))))
            {
                return point;
            }
        }

        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"The table has no runs with {what} {value}; it holds {string.Join(", ", grid.Select(g => string.Format(CultureInfo.InvariantCulture, "{0}", g)))}."));
    }

    private static string Describe(TableTrial t) => string.Create(CultureInfo.InvariantCulture,
        $"maxLr {t.MaxLr:R}, weightDecay {t.WeightDecay:R}, batchSize {t.BatchSize}, cycleEpochs {t.CycleEpochs}, seed {t.Seed}");
}
