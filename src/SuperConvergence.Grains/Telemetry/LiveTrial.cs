namespace SuperConvergence.Grains.Telemetry;

/// <summary>
/// What /metrics shows of one trial while a slot of this silo runs it. Replaced whole on each update, so a scrape on
/// the exporter's thread never sees half of one.
/// </summary>
/// <param name="Slot">The worker slot running it ("{silo}/{slot}").</param>
/// <param name="Config">A training trial's hyperparameters (the labels of <c>sc.trial.config</c>); null for range tests.</param>
/// <param name="Epoch">The last finished epoch of a training trial; null before the first and for range tests.</param>
/// <param name="Schedule">Where a training trial's schedule stands (its newest step, or its last epoch's end when the trainer reports no steps); null before either.</param>
/// <param name="RangeTest">A range test's newest progress; null before the first and for training trials.</param>
public sealed record LiveTrial(
    string SweepId,
    string TrialId,
    string Slot,
    TrialKind Kind,
    TrialConfig? Config,
    LiveEpoch? Epoch,
    LiveSchedulePoint? Schedule,
    RangeTestProgress? RangeTest);
