namespace SuperConvergence.Core.Trials.Tabular;

/// <summary>
/// Replays a <see cref="TrialTable"/> of real runs behind the <see cref="ITrainer"/> seam: a trial gets the recorded
/// epochs of its grid point (<see cref="TrialTableIndex"/>), a range test the recorded curve of its cell. Everything
/// else — grains, strategies, persistence, checkpoints and resume — runs as with real training; only the arithmetic is
/// replayed. A spec selects it with <c>trainer: {kind: tabular, table: PATH}</c>.
/// </summary>
public sealed class TabularTrainer(TrialTableIndex index, TabularTrainerOptions? options = null) : ITrainer
{
    private readonly TabularTrainerOptions _options = options ?? new TabularTrainerOptions();

    public TrialTableIndex Index => index;

    public async Task<TrainingOutcome> TrainAsync(TrialConfig config, TrainingCheckpoint? resumeFrom, ITrainingObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(observer);
        var recorded = index.Trial(config);
        var startEpoch = resumeFrom is null ? 0 : TabularCheckpoint.Read(resumeFrom, config);
        var table = index.Table;
        var stepsPerEpoch = (table.TrainImages + config.BatchSize - 1) / config.BatchSize;
        var cycle = new CycleShape(config with { MaxLr = recorded.MaxLr }, stepsPerEpoch);
        var imagesPerSecond = recorded.Seconds > 0 ? (double)table.TrainImages * Math.Max(1, recorded.Epochs.Count) / recorded.Seconds : 0;
        var epochs = new List<EpochMetrics>();
        var pacing = new EpochPacing(_options.EpochDuration, _options.TimeProvider);
        for (var epoch = startEpoch + 1; epoch <= recorded.Epochs.Count; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await pacing.WaitEpochAsync(cancellationToken).ConfigureAwait(false);

            var e = recorded.Epochs[epoch - 1];
            var metrics = new EpochMetrics(epoch, e.TrainLoss, e.TestLoss, e.TestAccuracy, cycle.LearningRateAtEndOf(epoch), imagesPerSecond);
            epochs.Add(metrics);
            observer.OnStep(cycle.StepAtEndOf(epoch));
            await observer.OnEpochCompletedAsync(metrics, TabularCheckpoint.Write(epoch, config), cancellationToken).ConfigureAwait(false);
        }

        if (recorded.Status == TrialEnd.Diverged)
        {
            // The recorded run blew up part-way through the next epoch: spend that epoch's time before saying so.
            await pacing.WaitEpochAsync(cancellationToken).ConfigureAwait(false);
        }

        return new TrainingOutcome(recorded.Status, epochs);
    }

    public async Task<RangeTestOutcome> RangeTestAsync(RangeTestConfig config, IRangeTestObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var settings = index.Table.RangeTest;
        if (config.StartLr != settings.StartLr || config.EndLr != settings.EndLr || config.Iterations != settings.Iterations)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The table's range tests ramp from {settings.StartLr:R} to {settings.EndLr:R} over {settings.Iterations} iterations; this one asks for {config.StartLr:R} to {config.EndLr:R} over {config.Iterations}."),
                nameof(config));
        }

        var recorded = index.RangeTest(config);
        var points = recorded.Points;
        var duration = TimeSpan.Zero;
        if (_options.EpochDuration > TimeSpan.Zero)
        {
            // A range test costs its share of an epoch: the batches it ran out of the epoch's images.
            var images = (double)points.Count * config.BatchSize / index.Table.TrainImages;
            duration = _options.EpochDuration * images;
        }

        await new EpochPacing(_options.EpochDuration, _options.TimeProvider)
            .ReplayRangeTestAsync(points, config.Iterations, duration, observer, beforeLastReport: null, cancellationToken).ConfigureAwait(false);
        return new RangeTestOutcome(points, recorded.Diverged);
    }
}
