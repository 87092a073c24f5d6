using SuperConvergence.Silo.Persistence;

namespace SuperConvergence.Cli.Embedded;

/// <summary>
/// The query commands' questions, answered from the store an embedded cluster (`sc sweep run`, `sc silo` without
/// --postgres) left in its data directory, with nothing started: no silo, no client, no port. Read-only, so a process
/// that owns the directory right now is neither blocked nor disturbed; it sees what that process has stored so far.
/// </summary>
internal sealed class StoreSweepQueries : ISweepQueries
{
    private readonly StoredSweeps _sweeps;

    /// <summary>How errors name the directory: the flag, $SC_DATA or "data directory", then its path.</summary>
    private readonly string _source;

    private readonly string _directory;

    private StoreSweepQueries(StoredSweeps sweeps, string source, string directory)
    {
        _sweeps = sweeps;
        _source = source;
        _directory = directory;
    }

    /// <summary>
    /// Opens <paramref name="directory"/>'s store; bad input naming <paramref name="field"/> (what chose the directory)
    /// and the path when it holds none.
    /// </summary>
    public static StoreSweepQueries Open(string directory, string field)
    {
        var path = Path.GetFullPath(directory);
        var sweeps = StoredSweeps.TryOpen(path) ?? throw CliException.BadInput(
            field,
            path,
            $"holds no sweeps (no {Path.GetFileName(EmbeddedGrainStore.DatabaseFileOf(path))} an embedded cluster wrote)",
            $"`sc sweep run SPEC --data-dir {Quote(path)}` runs one there; to ask a running cluster instead, pass --postgres or --gateway (or set SC_POSTGRES / SC_GATEWAY)");
        return new StoreSweepQueries(sweeps, $"{field} '{path}'", path);
    }

    public Task<SweepStatus> StatusAsync(string sweepId, int offset, int limit) =>
        Task.FromResult(Ask(sweepId, () => _sweeps.GetStatus(sweepId, offset, limit)));

    public Task<IReadOnlyList<BestTrial>> BestAsync(string sweepId, int top) =>
        Task.FromResult(Ask(sweepId, () => _sweeps.GetBest(sweepId, top)));

    public Task<TrialView> TrialAsync(string trialId)
    {
        var view = _sweeps.GetTrial(trialId);
        return view.Definition is not null
            ? Task.FromResult(view)
            : throw new CliException($"trial '{trialId}' not found in {_source}", ExitCodes.NotFound, $"sc sweep status ID --data-dir {Quote(_directory)} lists a sweep's trials");
    }

    public Task<IReadOnlyList<SweepListing>> ListAsync() => Task.FromResult(_sweeps.List());

    public ValueTask DisposeAsync()
    {
        _sweeps.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A path as a shell word, for the commands hints quote.</summary>
    internal static string Quote(string path) =>
        path.Length > 0 && path.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+:=@%,".Contains(c, StringComparison.Ordinal)) ? path : $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private T Ask<T>(string sweepId, Func<T> query)
    {
        try
        {
            return query();
        }
        catch (KeyNotFoundException)
        {
            throw new CliException($"sweep '{sweepId}' not found in {_source}", ExitCodes.NotFound, $"sc sweep list --data-dir {Quote(_directory)} shows the sweeps it holds");
        }
    }
}
