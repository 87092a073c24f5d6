using SuperConvergence.Core.Persistence;
using System.Collections.Concurrent;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Grains.Tests.Doubles;

/// <summary>Checkpoints in a dictionary shared by every silo of an in-process test cluster.</summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly ConcurrentDictionary<string, byte[]> _saved = new();
    private readonly ConcurrentDictionary<(string TrialId, int Epoch), TaskCompletionSource> _recorded = new();

    public int Saved => _saved.Count;

    public Task<string> SaveAsync(string trialId, int epoch, byte[] state, CancellationToken cancellationToken)
    {
        var reference = $"{trialId}@{epoch}";
        _saved[reference] = state.ToArray();
        return Task.FromResult(reference);
    }

    public Task<byte[]?> LoadAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult(_saved.TryGetValue(reference, out var state) ? state.ToArray() : null);

    /// <summary>
    /// Completes once the trial grain has recorded the trial's checkpoint of <paramref name="epoch"/> (or a later one):
    /// a worker drops a trial's older checkpoints only after the grain has taken the report naming the newer one.
    /// </summary>
    public Task RecordedAsync(string trialId, int epoch) => Signal(trialId, epoch).Task;

    public Task DeleteBeforeAsync(string trialId, int epoch, CancellationToken cancellationToken)
    {
        for (var recorded = epoch; recorded >= 0; recorded--)
        {
            Signal(trialId, recorded).TrySetResult();
        }

        foreach (var key in _saved.Keys.Where(k => k.StartsWith(trialId + "@", StringComparison.Ordinal) && int.Parse(k[(trialId.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture) < epoch))
        {
            _saved.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }

    private TaskCompletionSource Signal(string trialId, int epoch) =>
        _recorded.GetOrAdd((trialId, epoch), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public Task DeleteTrialAsync(string trialId, CancellationToken cancellationToken)
    {
        foreach (var key in _saved.Keys.Where(k => k.StartsWith(trialId + "@", StringComparison.Ordinal)))
        {
            _saved.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }
}
