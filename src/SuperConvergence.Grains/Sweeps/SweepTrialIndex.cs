namespace SuperConvergence.Grains.Sweeps;

/// <summary>
/// The coordinator's in-memory trial table, in trial-number order, for paged status queries. Trial ids end in
/// their number, so a row's position is known without searching.
/// </summary>
internal sealed class SweepTrialIndex
{
    private readonly List<TrialSummary?> _rows = [];
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);

    public int Count => _positions.Count;

    public bool Contains(string trialId) => _positions.ContainsKey(trialId);

    public void Set(TrialSummary trial)
    {
        if (!_positions.TryGetValue(trial.TrialId, out var position))
        {
            position = NumberOf(trial.TrialId) - 1;
            _positions[trial.TrialId] = position;
        }

        while (_rows.Count <= position)
        {
            _rows.Add(null);
        }

        _rows[position] = trial;
    }

    /// <summary>A running trial recorded more epochs: its count and the newest epoch's metrics (the row keeps no history).</summary>
    public void SetProgress(string trialId, int epochsCompleted, EpochMetrics latestEpoch)
    {
        if (_positions.TryGetValue(trialId, out var position) && _rows[position] is { } row)
        {
            _rows[position] = row with { EpochsCompleted = epochsCompleted, LatestEpoch = latestEpoch };
        }
    }

    /// <summary>A running range test's newest progress.</summary>
    public void SetRangeTestProgress(string trialId, RangeTestProgress progress)
    {
        if (_positions.TryGetValue(trialId, out var position) && _rows[position] is { } row)
        {
            _rows[position] = row with { RangeTestProgress = progress };
        }
    }

    public IReadOnlyList<TrialSummary> Page(int offset, int limit)
    {
        var page = new List<TrialSummary>(Math.Min(limit, 1024));
        for (var i = offset; i < _rows.Count && page.Count < limit; i++)
        {
            if (_rows[i] is { } row)
            {
                page.Add(row);
            }
        }

        return page;
    }

    /// <summary>The rows of the given trials that the index holds.</summary>
    public IEnumerable<TrialSummary> Rows(IEnumerable<string> trialIds)
    {
        foreach (var id in trialIds)
        {
            if (_positions.TryGetValue(id, out var position) && _rows[position] is { } row)
            {
                yield return row;
            }
        }
    }

    /// <summary>How many of the given unfinished trials are pending and how many running (a trial without a row is pending).</summary>
    public IEnumerable<(TrialState State, int Count)> ActiveCounts(IEnumerable<string> activeTrialIds) =>
        SweepAnswers.ActiveCounts(activeTrialIds.Select(id => _positions.TryGetValue(id, out var position) ? _rows[position]?.State : null));

    private static int NumberOf(string trialId) => int.Parse(trialId.AsSpan(trialId.LastIndexOf('-') + 1), System.Globalization.CultureInfo.InvariantCulture);
}
