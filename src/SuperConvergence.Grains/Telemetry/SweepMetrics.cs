using System.Diagnostics.Metrics;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;

namespace SuperConvergence.Grains.Telemetry;

/// <summary>The cluster's own instruments (meter "SuperConvergence"), exported on /metrics for Grafana.</summary>
public sealed class SweepMetrics
{
    public const string MeterName = "SuperConvergence";

    /// <summary>
    /// Bucket boundaries of <c>sc.trial.accuracy</c> (a fraction in [0, 1]): tenths, finer where trained models
    /// end up (0.8 … 1). OpenTelemetry's default boundaries (0, 5, 10 … 10000) would put every accuracy in one bucket.
    /// </summary>
    public static readonly IReadOnlyList<double> AccuracyBuckets = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.925, 0.95, 0.975, 0.99, 1];

    private readonly Counter<long> _attempts;
    private readonly Counter<long> _finished;
    private readonly Counter<long> _epochs;
    private readonly Counter<long> _requeued;
    private readonly Histogram<double> _accuracy;
    private readonly UpDownCounter<long> _busySlots;

    public SweepMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _attempts = meter.CreateCounter<long>("sc.trial.attempts", description: "Trial attempts started (kind, retry=true for attempt > 1)");
        _finished = meter.CreateCounter<long>("sc.trial.finished", description: "Trials that reached a final state (kind, state)");
        _epochs = meter.CreateCounter<long>("sc.trial.epochs", description: "Epoch results recorded");
        _requeued = meter.CreateCounter<long>("sc.work.requeued", description: "Leases given up because their worker stopped heartbeating");
        _accuracy = meter.CreateHistogram<double>(
            "sc.trial.accuracy",
            unit: null,
            description: "Final test accuracy of completed training trials",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AccuracyBuckets });
        _busySlots = meter.CreateUpDownCounter<long>("sc.worker.busy_slots", description: "Training slots running a trial");
    }

    public void AttemptStarted(TrialKind kind, int attempt) =>
        _attempts.Add(1, new KeyValuePair<string, object?>("kind", Wire(kind)), new KeyValuePair<string, object?>("retry", attempt > 1));

    public void TrialFinished(TrialKind kind, TrialState state) =>
        _finished.Add(1, new KeyValuePair<string, object?>("kind", Wire(kind)), new KeyValuePair<string, object?>("state", state.ToWire()));

    public void AccuracyRecorded(double accuracy) => _accuracy.Record(accuracy);

    public void EpochsRecorded(int count) => _epochs.Add(count);

    public void LeaseRequeued() => _requeued.Add(1);

    public void SlotBusy() => _busySlots.Add(1);

    public void SlotFree() => _busySlots.Add(-1);

    private static string Wire(TrialKind kind) => kind == TrialKind.RangeTest ? "range-test" : "train";
}
