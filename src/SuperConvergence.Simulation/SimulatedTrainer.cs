namespace SuperConvergence.Core.Trials.Simulated;

/// <summary>
/// A deterministic stand-in for real training, for orchestration tests and overhead benchmarks: results come from
/// <see cref="SimulatedSurface"/>, so the same config and seed always give the same metrics; a run resumed from one
/// of its checkpoints continues at the next epoch with exactly the metrics of the uninterrupted run; with an epoch
/// duration it takes that long per epoch (awaited, so it holds no thread), in equal steps; cancellation is honoured per
/// epoch and during delays; preemption stops it at the end of the step under way with a checkpoint of that step, from
/// which it resumes with the rest of the epoch's time and the same metrics. A range test's time is spent in a few steps, each reporting its progress. A spec selects it with <c>trainer: simulated</c>.
/// </summary>
public sealed class SimulatedTrainer(SimulatedTrainerOptions? options = null) : ITrainer
{
    /// <summary>Images per epoch assumed when a config names no subset; sizes a range test's share of an epoch's time.</summary>
    private const int NominalTrainImages = 60_000;

    /// <summary>The steps an epoch's time is spent in; a preempted run's checkpoint is taken after one of them.</summary>
    public const int StepsPerEpoch = SimulatedTrainingRun.StepsPerEpoch;

    private const ulong FailureSalt = 0x4641494C55524521UL;

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
        var (startEpoch, startStep) = resumeFrom is null ? (0, 0) : SimulatedCheckpoint.Read(resumeFrom, run.Fingerprint, config.CycleEpochs);
        var fails = Fails(config) && !(resumeFrom is not null && _options.FailuresAreTransient);
        var epochs = new List<EpochMetrics>();
        var pacing = new EpochPacing(_options.EpochDuration, _options.TimeProvider);
        for (var epoch = startEpoch + 1; epoch <= config.CycleEpochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fromStep = epoch == startEpoch + 1 ? startStep : 0;
            var reached = await pacing.WaitStepsAsync(fromStep, SimulatedTrainingRun.StepsPerEpoch, observer.Preemption, cancellationToken).ConfigureAwait(false);
            _options.OnSteps?.Invoke(epoch, fromStep, reached);
            if (reached < SimulatedTrainingRun.StepsPerEpoch)
            {
                throw new TrainingPreemptedException(SimulatedCheckpoint.Write(epoch - 1, run.Fingerprint, reached));
            }

            if (fails && epoch >= _options.FailAtEpoch)
            {
                throw new SimulatedTrainerFailureException(
                    $"Simulated failure in epoch {epoch} of trial (max LR {config.MaxLr:R}, batch {config.BatchSize}, seed {config.Seed}).");
            }

            var metrics = run.Epoch(epoch);
            epochs.Add(metrics);
            observer.OnStep(run.StepAtEndOf(epoch));
            await observer.OnEpochCompletedAsync(metrics, SimulatedCheckpoint.Write(epoch, run.Fingerprint), cancellationToken).ConfigureAwait(false);
            if (epoch >= run.DivergesInEpoch)
            {
                return new TrainingOutcome(TrialEnd.Diverged, epochs);
            }
        }

        return new TrainingOutcome(TrialEnd.Completed, epochs);
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
        await new EpochPacing(_options.EpochDuration, _options.TimeProvider).ReplayRangeTestAsync(
            outcome.Points,
            config.Iterations,
            duration,
            observer,
            () =>
            {
                if (_options.FailRangeTestWhen?.Invoke(config) == true)
                {
                    throw new SimulatedTrainerFailureException($"Simulated failure of the range test (batch {config.BatchSize}, seed {config.Seed}).");
                }
            },
            cancellationToken).ConfigureAwait(false);

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
