using System.Globalization;

namespace SuperConvergence.Grains.Telemetry;

/// <summary>
/// The per-trial gauges (labels sweep, trial) and per-slot gauges (label slot): what a running trial's curve and a
/// worker's load look like from Grafana. Each scrape reads <see cref="LiveTrials"/>; nothing is kept for a trial once
/// its attempt has ended.
/// </summary>
internal static class LiveTrialGauges
{
    public static void Observe(Meter meter, LiveTrials live)
    {
        meter.CreateObservableGauge("sc.trial.config", () => Configs(live), description: "1 for each running training trial, its hyperparameters as labels (sweep, trial, max_lr, weight_decay, batch_size, cycle_epochs)");
        meter.CreateObservableGauge("sc.trial.epoch", () => Training(live, e => e.Epoch), description: "Last finished epoch of a running training trial (sweep, trial)");
        meter.CreateObservableGauge("sc.trial.step", () => Steps(live, p => p.StepsTaken), description: "Optimizer steps a running training trial has taken since its cycle began (sweep, trial; trainers that report steps)");
        meter.CreateObservableGauge("sc.trial.cycle_progress", () => Progress(live), description: "Share of a running training trial's 1cycle done: steps taken of the cycle's steps, or finished epochs of its epochs for trainers that report epochs only (sweep, trial)");
        meter.CreateObservableGauge("sc.trial.learning_rate", () => Schedule(live, p => p.LearningRate), description: "LR the optimizer used at a running training trial's newest step, or its last epoch's end for trainers that report epochs only (sweep, trial)");
        meter.CreateObservableGauge("sc.trial.momentum", () => Schedule(live, p => p.Momentum), description: "Momentum the optimizer used at a running training trial's newest step; the 1cycle's at its last epoch's end for trainers that report epochs only (sweep, trial)");
        meter.CreateObservableGauge("sc.trial.planned_learning_rate", () => Schedule(live, p => p.Planned.LearningRate), description: "LR the 1cycle plans at the same point of a running training trial's cycle (sweep, trial)");
        meter.CreateObservableGauge("sc.trial.planned_momentum", () => Schedule(live, p => p.Planned.Momentum), description: "Momentum the 1cycle plans at the same point of a running training trial's cycle (sweep, trial)");
        meter.CreateObservableGauge("sc.trial.train_loss", () => Training(live, e => e.TrainLoss), description: "Training loss of a running training trial's last epoch (sweep, trial)");
        meter.CreateObservableGauge("sc.trial.test_loss", () => Training(live, e => e.TestLoss), description: "Test loss of a running training trial's last epoch (sweep, trial)");
        meter.CreateObservableGauge("sc.trial.test_accuracy", () => Training(live, e => e.TestAccuracy), description: "Test accuracy of a running training trial's last epoch (sweep, trial)");
        meter.CreateObservableGauge("sc.trial.images_per_second", () => Training(live, e => e.ImagesPerSecond), description: "Training throughput of a running training trial's last epoch (sweep, trial)");
        meter.CreateObservableGauge("sc.range_test.iteration", () => RangeTests(live, p => p.Iterations), description: "Iterations a running range test has done (sweep, trial)");
        meter.CreateObservableGauge("sc.range_test.planned_iterations", () => RangeTests(live, p => p.PlannedIterations), description: "Iterations a running range test plans (sweep, trial)");
        meter.CreateObservableGauge("sc.range_test.learning_rate", () => RangeTests(live, p => p.LearningRate), description: "LR of a running range test's newest iteration (sweep, trial)");
        meter.CreateObservableGauge("sc.range_test.loss", () => RangeTests(live, p => p.Loss), description: "Loss of a running range test's newest iteration (sweep, trial)");
        meter.CreateObservableGauge("sc.worker.slot.busy", () => SlotsBusy(live), description: "1 while the slot runs a trial, 0 while idle (slot)");
        meter.CreateObservableGauge("sc.worker.slot.images_per_second", () => SlotThroughput(live), description: "Training throughput of the slot's trial's last epoch, 0 while idle or before it (slot)");
    }

    private static IEnumerable<Measurement<T>> Training<T>(LiveTrials live, Func<LiveEpoch, T> value)
        where T : struct
    {
        foreach (var trial in live.Trials)
        {
            if (trial.Epoch is { } epoch)
            {
                yield return new Measurement<T>(value(epoch), Labels(trial));
            }
        }
    }

    private static IEnumerable<Measurement<double>> Schedule(LiveTrials live, Func<LiveSchedulePoint, double> value)
    {
        foreach (var trial in live.Trials)
        {
            if (trial.Schedule is { } point)
            {
                yield return new Measurement<double>(value(point), Labels(trial));
            }
        }
    }

    // One series for where a trial stands in its cycle (rather than its totals beside its counts): every per-trial
    // series costs every scrape, and a scrape of 1,000 running trials must stay under 100 ms.
    private static IEnumerable<Measurement<double>> Progress(LiveTrials live)
    {
        foreach (var trial in live.Trials)
        {
            double? progress = trial switch
            {
                { Schedule: { StepsTaken: { } taken, CycleSteps: { } total } } when total > 0 => (double)taken / total,
                { Epoch: { CycleEpochs: > 0 } epoch } => (double)epoch.Epoch / epoch.CycleEpochs,
                _ => null,
            };
            if (progress is { } value)
            {
                yield return new Measurement<double>(value, Labels(trial));
            }
        }
    }

    private static IEnumerable<Measurement<long>> Steps(LiveTrials live, Func<LiveSchedulePoint, long?> value)
    {
        foreach (var trial in live.Trials)
        {
            if (trial.Schedule is { } point && value(point) is { } steps)
            {
                yield return new Measurement<long>(steps, Labels(trial));
            }
        }
    }

    private static IEnumerable<Measurement<int>> Configs(LiveTrials live)
    {
        foreach (var trial in live.Trials)
        {
            if (trial.Config is { } config)
            {
                yield return new Measurement<int>(
                    1,
                    new KeyValuePair<string, object?>("sweep", trial.SweepId),
                    new KeyValuePair<string, object?>("trial", trial.TrialId),
                    new KeyValuePair<string, object?>("max_lr", config.MaxLr.ToString("G4", CultureInfo.InvariantCulture)),
                    new KeyValuePair<string, object?>("weight_decay", config.WeightDecay.ToString("G4", CultureInfo.InvariantCulture)),
                    new KeyValuePair<string, object?>("batch_size", config.BatchSize),
                    new KeyValuePair<string, object?>("cycle_epochs", config.CycleEpochs));
            }
        }
    }

    private static IEnumerable<Measurement<T>> RangeTests<T>(LiveTrials live, Func<Core.Trials.RangeTestProgress, T> value)
        where T : struct
    {
        foreach (var trial in live.Trials)
        {
            if (trial.RangeTest is { } progress)
            {
                yield return new Measurement<T>(value(progress), Labels(trial));
            }
        }
    }

    private static IEnumerable<Measurement<int>> SlotsBusy(LiveTrials live)
    {
        foreach (var (slot, trialId) in live.Slots)
        {
            yield return new Measurement<int>(trialId.Length > 0 ? 1 : 0, new KeyValuePair<string, object?>("slot", slot));
        }
    }

    private static IEnumerable<Measurement<double>> SlotThroughput(LiveTrials live)
    {
        foreach (var (slot, trialId) in live.Slots)
        {
            var throughput = trialId.Length > 0 && live.Find(trialId)?.Epoch is { } epoch ? epoch.ImagesPerSecond : 0;
            yield return new Measurement<double>(throughput, new KeyValuePair<string, object?>("slot", slot));
        }
    }

    private static KeyValuePair<string, object?>[] Labels(LiveTrial trial) =>
        [new("sweep", trial.SweepId), new("trial", trial.TrialId)];
}
