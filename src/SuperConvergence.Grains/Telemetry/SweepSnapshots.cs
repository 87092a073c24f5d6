using System.Collections.Concurrent;

namespace SuperConvergence.Grains.Telemetry;

/// <summary>
/// The latest snapshot of each sweep this silo coordinates, which the sweep gauges report on every scrape. Each sweep
/// grain writes only its own entry, from its own turns; the exporter reads all of them from its thread.
/// </summary>
/// <remarks>
/// A series ends when its sweep's entry goes: when the grain deactivates (idle after the sweep finished, the silo
/// stopping, or the sweep moving to another silo). A finished sweep only updates an entry it already has, so one that
/// is activated again later, say for a status query, adds no series: thousands of old sweeps cost nothing here.
/// </remarks>
public sealed class SweepSnapshots
{
    private readonly ConcurrentDictionary<string, SweepSnapshot> _sweeps = new(StringComparer.Ordinal);

    public SweepSnapshots(IMeterFactory meters) => SweepGauges.Observe(meters.Create(SweepMetrics.MeterName), this);

    /// <summary>Every published sweep, read without locking (a scrape may see an entry published meanwhile, or not).</summary>
    public IEnumerable<SweepSnapshot> Current => _sweeps.Select(entry => entry.Value);

    public SweepSnapshot? Find(string sweepId) => _sweeps.GetValueOrDefault(sweepId);

    public void Publish(SweepSnapshot snapshot)
    {
        if (snapshot.Running || _sweeps.ContainsKey(snapshot.SweepId))
        {
            _sweeps[snapshot.SweepId] = snapshot;
        }
    }

    public void Withdraw(string sweepId) => _sweeps.TryRemove(sweepId, out _);
}
