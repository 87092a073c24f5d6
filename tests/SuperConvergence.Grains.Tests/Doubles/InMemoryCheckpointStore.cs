using SuperConvergence.Core.Persistence;
using System.Collections.Concurrent;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Grains.Tests.Doubles;

/// <summary>Checkpoints in a dictionary shared by every silo of an in-process test cluster.</summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly ConcurrentDictionary<string, byte[]> _saved = new();

    public int Saved => _saved.Count;

    public Task<string> SaveAsync(string trialId, int epoch, byte[] state, CancellationToken cancellationToken)
    {
        var reference = $"{trialId}@{epoch}";
        _saved[reference] = state.ToArray();
        return Task.FromResult(reference);
    }

    public Task<byte[]?> LoadAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult(_saved.TryGetValue(reference, out var state) ? state.ToArray() : null);

    public Task DeleteBeforeAsync(string trialId, int epoch, CancellationToken cancellationToken)
    {
        foreach (var key in _saved.Keys.Where(k => k.StartsWith(trialId + "@", StringComparison.Ordinal) && int.Parse(k[(trialId.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture) < epoch))
        {
            _saved.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }

    public Task DeleteTrialAsync(string trialId, CancellationToken cancellationToken)
    {
        foreach (var key in _saved.Keys.Where(k => k.StartsWith(trialId + "@", StringComparison.Ordinal)))
        {
            _saved.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }
}
