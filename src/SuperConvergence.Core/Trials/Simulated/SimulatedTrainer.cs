using SuperConvergence.Core.Randomness;

namespace SuperConvergence.Core.Trials.Simulated;

/// <summary>
/// A deterministic stand-in for real training, for orchestration tests and overhead benchmarks: results come from
/// <see cref="SimulatedSurface"/>, so the same config and seed always give the same metrics; a run resumed from one
/// of its checkpoints continues at the next epoch with exactly the metrics of the uninterrupted run; with an epoch
/// duration it takes that long per epoch (awaited, so it holds no thread); cancellation is honoured per epoch and
/// during delays. A range test's time is spent in a few steps, each reporting its progress. A spec selects it with <c>trainer: simulated</c>.
/// </summary>
public sealed class SimulatedTrainer(SimulatedTrainerOptions? options = null) : ITrainer
{
    /// <summary>Images per epoch assumed when a config names no subset; sizes a range test's share of an epoch's time.</summary>
    private const int NominalTrainImages = 60_000;

    /// <summary>How many progress reports a range test makes (evenly spaced through its curve and its time).</summary>
    private const int ProgressSteps = 10;

    private const ulong FailureSalt = 0x4641494C55524521UL;

    /// <summary>The resolution of .NET's timer queue: a wait may fire up to this late without anything else running.</summary>
    private static readonly TimeSpan TimerTick = TimeSpan.FromMilliseconds(1);

    private readonly SimulatedTrainerOptions _options = options ?? new SimulatedTrainerOptions();

    /// <summary>Whether the options make runs of this config throw.</summary>
    public bool Fails(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return _options.FailWhen?.Invoke(config) == true
            || (_options.FailureFraction > 0
                && SeededDraws.ToUnit(SeededDraws.Combine(RunFingerprint.Of(config), FailureSalt)) < _options.FailureFraction);
    }

    public async Task<TrainingOutcome> TrainAsync(
        TrialConfig config,
        TrainingCheckpoint? resumeFrom,
        ITrainingObserver observer,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(observer);
        Check(config);
        var run = new SimulatedTrainingRun(config);
        var startEpoch = resumeFrom is null ? 0 : SimulatedCheckpoint.Read(resumeFrom, run.Fingerprint, config.CycleEpochs);
        var fails = Fails(config) && !(resumeFrom is not null && _options.FailuresAreTransient);
        var epochs = new List<EpochMetrics>();
        var tickLateness = TimeSpan.Zero;
        for (var epoch = startEpoch + 1; epoch <= config.CycleEpochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_options.EpochDuration > TimeSpan.Zero)
            {
                tickLateness = await WaitOneEpochAsync(tickLateness, cancellationToken).ConfigureAwait(false);
            }

            if (fails && epoch >= _options.FailAtEpoch)
            {
                throw new SimulatedTrainerFailureException(
                    $"Simulated failure in epoch {epoch} of trial (max LR {config.MaxLr:R}, batch {config.BatchSize}, seed {config.Seed}).");
            }

            var metrics = run.Epoch(epoch);
            epochs.Add(metrics);
            await observer.OnEpochCompletedAsync(metrics, SimulatedCheckpoint.Write(epoch, run.Fingerprint), cancellationToken).ConfigureAwait(false);
            if (epoch >= run.DivergesInEpoch)
            {
                return new TrainingOutcome(TrainingStatus.Diverged, epochs);
            }
        }

        return new TrainingOutcome(TrainingStatus.Completed, epochs);
    }

    /// <summary>
    /// Waits out one epoch's compute time. .NET's timers fire on millisecond ticks, so a wait ends up to a tick late:
    /// +0.66 % on 100 ms waits with nothing else running (bench/cluster, docs/benchmarks.md), which the result-throughput
    /// benchmark would count as cluster overhead. Up to one tick of the previous wait's lateness is taken off the next
    /// wait; lateness beyond a tick (a busy machine) and the observer's time between epochs still add, as they would
    /// with a real trainer. Returns the lateness to make up next time.
    /// </summary>
    private async Task<TimeSpan> WaitOneEpochAsync(TimeSpan tickLateness, CancellationToken cancellationToken)
    {
        var wait = _options.EpochDuration - tickLateness;
        if (wait <= TimeSpan.Zero)
        {
            return TimeSpan.Zero; // epochs shorter than a tick: the lateness is made up by skipping this wait
        }

        var clock = _options.TimeProvider;
        var started = clock.GetUtcNow();
        await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
        var late = clock.GetUtcNow() - started - wait;
        return late <= TimeSpan.Zero ? TimeSpan.Zero : late < TimerTick ? late : TimerTick;
    }

    public async Task<RangeTestOutcome> RangeTestAsync(RangeTestConfig config, IRangeTestObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        Check(config);
        var outcome = SimulatedRangeTestRun.Run(config, cancellationToken);
        var duration = TimeSpan.Zero;
        if (_options.EpochDuration > TimeSpan.Zero)
        {
            // A range test costs its share of an epoch: Iterations batches out of the epoch's images.
            var images = (double)config.Iterations * config.BatchSize / (config.TrainImages ?? NominalTrainImages);
            duration = _options.EpochDuration * Math.Min(1.0, images);
        }

        // The curve is known at once; its time is spent in a few steps, each ending with the progress it stands for.
        var counter = new RangeTestProgressCounter(config.Iterations);
        var steps = Math.Min(ProgressSteps, outcome.Points.Count);
        var reached = 0;
        for (var step = 1; step <= steps; step++)
        {
            if (duration > TimeSpan.Zero)
            {
                // Tick arithmetic on the running share, so the steps add up to exactly the whole duration.
                var wait = TimeSpan.FromTicks((duration.Ticks * step / steps) - (duration.Ticks * (step - 1) / steps));
                await Task.Delay(wait, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }

            if (step == steps && _options.FailRangeTestWhen?.Invoke(config) == true)
            {
                throw new SimulatedTrainerFailureException($"Simulated failure of the range test (batch {config.BatchSize}, seed {config.Seed}).");
            }

            RangeTestProgress? progress = null;
            for (var end = outcome.Points.Count * step / steps; reached < end; reached++)
            {
                progress = counter.Record(outcome.Points[reached]);
            }

            observer?.OnRangeTestProgress(progress!);
        }

        return outcome;
    }

    private static void Check(TrialConfig config)
    {
        if (!double.IsFinite(config.MaxLr) || config.MaxLr <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(config), config.MaxLr, "MaxLr must be a finite number > 0.");
        }

        if (config.CycleEpochs < 1 || config.BatchSize < 1 || config.DivFactor <= 0 || config.FinalDivFactor <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(config), config, "CycleEpochs, BatchSize, DivFactor and FinalDivFactor must be > 0.");
        }
    }

    private static void Check(RangeTestConfig config)
    {
        if (!double.IsFinite(config.StartLr) || !double.IsFinite(config.EndLr) || config.StartLr <= 0 || config.EndLr <= config.StartLr)
        {
            throw new ArgumentOutOfRangeException(nameof(config), config, "StartLr must be > 0 and EndLr > StartLr.");
        }

        if (config.Iterations < 2 || config.BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(config), config, "Iterations must be >= 2 and BatchSize > 0.");
        }
    }
}
