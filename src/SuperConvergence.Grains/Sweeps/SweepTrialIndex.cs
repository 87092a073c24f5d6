using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;

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

    public void SetProgress(string trialId, int epochsCompleted)
    {
        if (_positions.TryGetValue(trialId, out var position) && _rows[position] is { } row)
        {
            _rows[position] = row with { EpochsCompleted = epochsCompleted };
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

    /// <summary>How many of the given unfinished trials are pending and how many running.</summary>
    public IEnumerable<(TrialState State, int Count)> ActiveCounts(IEnumerable<string> activeTrialIds)
    {
        var pending = 0;
        var running = 0;
        foreach (var id in activeTrialIds)
        {
            var state = _positions.TryGetValue(id, out var position) ? _rows[position]?.State : null;
            if (state == TrialState.Running)
            {
                running++;
            }
            else
            {
                pending++;
            }
        }

        yield return (TrialState.Pending, pending);
        yield return (TrialState.Running, running);
    }

    private static int NumberOf(string trialId) => int.Parse(trialId.AsSpan(trialId.LastIndexOf('-') + 1), System.Globalization.CultureInfo.InvariantCulture);
}
