using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Grains.Telemetry;

namespace SuperConvergence.Grains.Tests.Telemetry;

public sealed class SweepGaugesTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSingleton<SweepSnapshots>().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Labels)> _measured = [];

    public SweepGaugesTests()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        // Only this test's meter: other tests' silos in this process have gauges of the same names.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        Snapshots = _services.GetRequiredService<SweepSnapshots>();
        _listener.Start();
    }

    private SweepSnapshots Snapshots { get; }

    [Fact]
    public void Each_published_sweep_is_reported_with_its_labels_and_a_count_for_every_state()
    {
        Snapshots.Publish(Snapshot("a", "first", isRunning: true, round: 2, new LrRange(0.05, 0.8), best: 0.91, pending: 3, running: 2, completed: 7, epochsUsed: 21));
        Snapshots.Publish(Snapshot("b", "second", isRunning: true, round: 0, new LrRange(0.001, 10), best: null, pending: 1, running: 0, completed: 0, epochsUsed: 0));

        Scrape();

        Assert.Equal(0.05, Value("sc.sweep.max_lr.lower", "a"));
        Assert.Equal(0.8, Value("sc.sweep.max_lr.upper", "a"));
        Assert.Equal(2, Value("sc.sweep.round", "a"));
        Assert.Equal(0.91, Value("sc.sweep.best_accuracy", "a"));
        Assert.Equal(21, Value("sc.sweep.trial_epochs.used", "a"));
        Assert.Equal(100, Value("sc.sweep.trial_epochs.budget", "a"));
        Assert.Equal(10, Value("sc.sweep.max_lr.upper", "b"));
        Assert.DoesNotContain(_measured, m => m.Instrument == "sc.sweep.best_accuracy" && Equals(m.Labels["sweep_id"], "b"));
        Assert.All(_measured, m => Assert.Equal(m.Labels["sweep_id"] is "a" ? "first" : "second", m.Labels["sweep_name"]));

        var trialsOfA = _measured.Where(m => m.Instrument == "sc.sweep.trials" && Equals(m.Labels["sweep_id"], "a")).ToList();
        Assert.Equal(SweepTrialCounts.States.Select(s => s.ToWire()).Order(), trialsOfA.Select(m => (string)m.Labels["state"]!).Order());
        Assert.Equal(3, trialsOfA.Single(m => Equals(m.Labels["state"], "pending")).Value);
        Assert.Equal(7, trialsOfA.Single(m => Equals(m.Labels["state"], "completed")).Value);
        Assert.Equal(0, trialsOfA.Single(m => Equals(m.Labels["state"], "failed")).Value);
    }

    [Fact]
    public void A_withdrawn_sweep_is_no_longer_reported_and_a_finished_one_is_not_added_again()
    {
        Snapshots.Publish(Snapshot("a", "first", isRunning: true, round: 1, new LrRange(0.1, 1), best: 0.5, pending: 1, running: 1, completed: 1, epochsUsed: 3));
        Snapshots.Publish(Snapshot("a", "first", isRunning: false, round: 3, new LrRange(0.2, 0.4), best: 0.6, pending: 0, running: 0, completed: 5, epochsUsed: 15));
        Scrape();
        Assert.Equal(3, Value("sc.sweep.round", "a"));

        Snapshots.Withdraw("a");
        Snapshots.Publish(Snapshot("a", "first", isRunning: false, round: 3, new LrRange(0.2, 0.4), best: 0.6, pending: 0, running: 0, completed: 5, epochsUsed: 15));
        _measured.Clear();
        Scrape();

        Assert.Null(Snapshots.Find("a"));
        Assert.Empty(_measured);
    }

    private static SweepSnapshot Snapshot(string id, string name, bool isRunning, int round, LrRange bounds, double? best, int pending, int running, int completed, int epochsUsed) =>
        new(id, name, isRunning, round, bounds, best,
            SweepTrialCounts.Of([new(TrialState.Completed, completed)], [(TrialState.Pending, pending), (TrialState.Running, running)]),
            epochsUsed, 100);

    private void Scrape() => _listener.RecordObservableInstruments();

    private double Value(string instrument, string sweepId) =>
        _measured.Single(m => m.Instrument == instrument && Equals(m.Labels["sweep_id"], sweepId)).Value;

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            labels[tag.Key] = tag.Value;
        }

        _measured.Add((instrument.Name, value, labels));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }
}
