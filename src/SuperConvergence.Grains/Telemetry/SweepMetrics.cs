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

    /// <summary>
    /// Bucket boundaries, in seconds, of the worker's durations (an epoch, a checkpoint's save or load) and of the sweep
    /// API's calls: from a millisecond (a status read inside one silo) to an hour (an epoch of a large model on a CPU).
    /// </summary>
    public static readonly IReadOnlyList<double> SecondBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    /// <summary>Bucket boundaries, in bytes, of checkpoint sizes: from 1 KiB (a simulated trainer's) to 4 GiB, by factors of four.</summary>
    public static readonly IReadOnlyList<double> CheckpointByteBuckets =
        [1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864, 268435456, 1073741824, 4294967296];

    private readonly Counter<long> _attempts;
    private readonly Counter<long> _attemptEnds;
    private readonly Histogram<double> _epochDuration;
    private readonly Histogram<double> _checkpointSaveDuration;
    private readonly Histogram<double> _checkpointLoadDuration;
    private readonly Histogram<long> _checkpointSize;
    private readonly Histogram<double> _sweepApiDuration;
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
        _requeued = meter.CreateCounter<long>(
            "sc.work.requeued",
            description: "Leases whose trial went back to the queue (cause: worker_lost when its worker stopped heartbeating, worker_restarted when it came back without it, handed_back when the worker gave it back, preempted or unable to record)");
        _accuracy = meter.CreateHistogram<double>(
            "sc.trial.accuracy",
            unit: null,
            description: "Final test accuracy of completed training trials",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AccuracyBuckets });
        _busySlots = meter.CreateUpDownCounter<long>("sc.worker.busy_slots", description: "Training slots running a trial");
        _attemptEnds = meter.CreateCounter<long>("sc.trial.attempt.ends", description: "Trial attempts that ended on a worker (kind, outcome: completed, diverged, failed, handed_back, stopped)");
        _epochDuration = Seconds(meter, "sc.trial.epoch.duration", "Wall time of a training epoch on a worker, checkpoint included");
        _checkpointSaveDuration = Seconds(meter, "sc.checkpoint.save.duration", "Time to save a training checkpoint to the store");
        _checkpointLoadDuration = Seconds(meter, "sc.checkpoint.load.duration", "Time to load a training checkpoint an attempt resumes from");
        _checkpointSize = meter.CreateHistogram<long>(
            "sc.checkpoint.size",
            unit: "By",
            description: "Size of a saved training checkpoint",
            tags: null,
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [.. CheckpointByteBuckets.Select(b => (long)b)] });
        _sweepApiDuration = Seconds(meter, "sc.api.call.duration", "Latency of a grain call to the sweep API (grain, method) as the coordinator serves it");
    }

    public void AttemptStarted(TrialKind kind, int attempt) =>
        _attempts.Add(1, new KeyValuePair<string, object?>("kind", kind.ToWire()), new KeyValuePair<string, object?>("retry", attempt > 1));

    public void TrialFinished(TrialKind kind, TrialState state) =>
        _finished.Add(1, new KeyValuePair<string, object?>("kind", kind.ToWire()), new KeyValuePair<string, object?>("state", state.ToWire()));

    public void AccuracyRecorded(double accuracy) => _accuracy.Record(accuracy);

    public void EpochsRecorded(int count) => _epochs.Add(count);

    /// <summary>A lease's trial went back to the queue; <paramref name="cause"/> is one of <see cref="RequeueCauses"/>.</summary>
    public void LeaseRequeued(string cause) => _requeued.Add(1, new KeyValuePair<string, object?>("cause", cause));

    public void SlotBusy() => _busySlots.Add(1);

    public void SlotFree() => _busySlots.Add(-1);

    public void AttemptEnded(TrialKind kind, AttemptOutcome outcome) =>
        _attemptEnds.Add(1, new KeyValuePair<string, object?>("kind", kind.ToWire()), new KeyValuePair<string, object?>("outcome", outcome.ToWire()));

    public void EpochTimed(TimeSpan duration) => _epochDuration.Record(duration.TotalSeconds);

    public void CheckpointSaved(TimeSpan duration, long bytes)
    {
        _checkpointSaveDuration.Record(duration.TotalSeconds);
        _checkpointSize.Record(bytes);
    }

    public void CheckpointLoaded(TimeSpan duration) => _checkpointLoadDuration.Record(duration.TotalSeconds);

    public void SweepApiCalled(string grain, string method, TimeSpan duration) =>
        _sweepApiDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("grain", grain), new KeyValuePair<string, object?>("method", method));

    private static Histogram<double> Seconds(Meter meter, string name, string description) => meter.CreateHistogram<double>(
        name,
        unit: "s",
        description: description,
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondBuckets });
}
