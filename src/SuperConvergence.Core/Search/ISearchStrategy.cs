namespace SuperConvergence.Core.Search;

/// <summary>
/// Decides which trials a sweep runs. The coordinator asks for proposals whenever slots are free, reports each
/// finished trial exactly once, and persists <see cref="SaveState"/> so a reactivated coordinator continues where it
/// stopped. Implementations are deterministic for a spec's seed and single-threaded (the grain calls them one at a time).
/// </summary>
public interface ISearchStrategy
{
    /// <summary>At most <paramref name="capacity"/> trials to start now; empty while waiting for results or when finished.</summary>
    IReadOnlyList<TrialProposal> Propose(int capacity);

    /// <summary>A trial this strategy proposed has ended.</summary>
    void Observe(TrialResult result);

    /// <summary>True once the strategy will propose nothing more (budget spent, space exhausted, or bounds converged).</summary>
    bool IsFinished { get; }

    /// <summary>Where the search stands: round, current LR bounds, phase.</summary>
    SearchProgress Progress { get; }

    /// <summary>The strategy's state as a string (JSON), enough to continue after a restart.</summary>
    string SaveState();
}

/// <summary>Creates strategies for a spec, fresh or from a saved state.</summary>
public interface ISearchStrategyFactory
{
    ISearchStrategy Create(SweepSpec spec, string? savedState);
}
