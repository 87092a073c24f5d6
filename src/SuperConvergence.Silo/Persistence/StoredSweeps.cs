using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;
using SuperConvergence.Grains.Sweeps;
using SuperConvergence.Grains.Trials;

namespace SuperConvergence.Silo.Persistence;

/// <summary>
/// The answers the sweep, trial and catalog grains give, read from an embedded cluster's store with no cluster running:
/// what `sc sweep status|best|export|list`, `sc report` and `sc trial show` print with --data-dir. The grains' own
/// computations (<see cref="SweepAnswers"/>, <see cref="TrialAnswers"/>) on the state they stored, and the strategy's
/// progress as the coordinator would restore it on activation (its saved state), so the answers are theirs.
/// </summary>
public sealed class StoredSweeps : IDisposable
{
    private readonly EmbeddedGrainStore _store;
    private readonly Dictionary<string, (SweepGrainState State, SearchProgress Progress)> _sweeps = new(StringComparer.Ordinal);
    private readonly ISweepSpecParser _specs = new SweepSpecTextParser();
    private readonly ISearchStrategyFactory _strategies = new SearchStrategyFactory();

    private StoredSweeps(EmbeddedGrainStore store) => _store = store;

    /// <summary>The database file read.</summary>
    public string DatabaseFile => _store.DatabaseFile;

    /// <summary>The sweeps of <paramref name="dataDirectory"/>'s store; null when it has none (see <see cref="EmbeddedGrainStore.TryOpen"/>).</summary>
    public static StoredSweeps? TryOpen(string dataDirectory) =>
        EmbeddedGrainStore.TryOpen(dataDirectory) is { } store ? new StoredSweeps(store) : null;

    /// <summary>What ISweepCatalogGrain.List answers: every sweep, newest first.</summary>
    public IReadOnlyList<SweepListing> List() =>
        SweepAnswers.Listing(_store.Read<SweepCatalogState>(GrainStateNames.Catalog, 0) ?? new SweepCatalogState());

    /// <summary>What ISweepGrain.GetStatus answers.</summary>
    /// <exception cref="KeyNotFoundException">The store holds no such sweep (as the grain throws).</exception>
    public SweepStatus GetStatus(string sweepId, int trialOffset, int trialLimit)
    {
        var (state, progress) = Sweep(sweepId);
        var (offset, count) = SweepAnswers.PageOf(state, trialOffset, trialLimit);
        var page = new List<TrialSummary>(Math.Min(count, 1024));
        for (var number = offset + 1; number <= offset + count; number++)
        {
            if (Row(state, SweepAnswers.TrialIdOf(sweepId, number)) is { } row)
            {
                page.Add(row);
            }
        }

        var active = state.Active.Keys.Select(id => Trial(id)?.State);
        return SweepAnswers.Status(sweepId, state, progress, offset, page, SweepAnswers.ActiveCounts(active));
    }

    /// <summary>What ISweepGrain.GetBest answers.</summary>
    /// <exception cref="KeyNotFoundException">The store holds no such sweep.</exception>
    public IReadOnlyList<BestTrial> GetBest(string sweepId, int top) => SweepAnswers.Best(Sweep(sweepId).State, top);

    /// <summary>What ITrialGrain.Get answers: a view without a definition when the store holds no such trial.</summary>
    public TrialView GetTrial(string trialId) =>
        TrialAnswers.View(trialId, _store.Read<TrialGrainState>(GrainStateNames.Trial, trialId) ?? new TrialGrainState(), reportedProgress: null);

    public void Dispose() => _store.Dispose();

    /// <summary>The stored trial, or null when it stored nothing (a trial the sweep proposed but never created).</summary>
    private TrialView? Trial(string trialId) =>
        _store.Read<TrialGrainState>(GrainStateNames.Trial, trialId) is { Definition: not null } state
            ? TrialAnswers.View(trialId, state, reportedProgress: null)
            : null;

    /// <summary>
    /// A trial's row in the table: from its grain's state, as the coordinator reads it after a restart; for a trial the
    /// sweep proposed but never created, the pending row the coordinator holds for it; else none (a gap, as in the grain).
    /// </summary>
    private TrialSummary? Row(SweepGrainState state, string trialId)
    {
        if (Trial(trialId) is { } view)
        {
            return SweepAnswers.Row(view, view.Definition!.Proposal);
        }

        return state.Active.TryGetValue(trialId, out var proposal) ? SweepAnswers.PendingRow(trialId, proposal) : null;
    }

    /// <summary>The sweep's state and its strategy's progress, read once per instance, so the pages one command reads agree on the sweep's totals.</summary>
    private (SweepGrainState State, SearchProgress Progress) Sweep(string sweepId)
    {
        if (_sweeps.TryGetValue(sweepId, out var known))
        {
            return known;
        }

        var state = _store.Read<SweepGrainState>(GrainStateNames.Sweep, sweepId);
        if (state is null || !SweepAnswers.Exists(state))
        {
            throw new KeyNotFoundException($"sweep {sweepId} does not exist");
        }

        var progress = _strategies.Create(_specs.Parse(state.SpecText!), state.StrategyState).Progress;
        return _sweeps[sweepId] = (state, progress);
    }
}
