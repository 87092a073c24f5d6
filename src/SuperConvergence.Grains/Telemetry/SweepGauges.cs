namespace SuperConvergence.Grains.Telemetry;

/// <summary>
/// The sweep-level gauges (labels sweep_id and sweep_name): what the coordinator's narrowing looks like from Grafana.
/// Each scrape reads the published snapshots, one measurement per sweep (per state for the trial counts), and never
/// calls into a grain.
/// </summary>
internal static class SweepGauges
{
    private static readonly string[] StateNames = [.. SweepTrialCounts.States.Select(s => s.ToWire())];

    public static void Observe(Meter meter, SweepSnapshots snapshots)
    {
        meter.CreateObservableGauge("sc.sweep.max_lr.lower", () => Each(snapshots, s => s.MaxLrBounds.Min), description: "Lower end of the max-LR interval the sweep's current round draws from");
        meter.CreateObservableGauge("sc.sweep.max_lr.upper", () => Each(snapshots, s => s.MaxLrBounds.Max), description: "Upper end of the max-LR interval the sweep's current round draws from");
        meter.CreateObservableGauge("sc.sweep.round", () => Each(snapshots, s => s.Round), description: "The sweep's narrowing round (0 while range tests run)");
        meter.CreateObservableGauge("sc.sweep.best_accuracy", () => EachBest(snapshots), description: "Best test accuracy of the sweep's completed training trials so far");
        meter.CreateObservableGauge("sc.sweep.trials", () => TrialsByState(snapshots), description: "The sweep's trials in each state (state)");
        meter.CreateObservableGauge("sc.sweep.trial_epochs.used", () => Each(snapshots, s => s.TrialEpochsUsed), description: "Epochs run by the sweep's finished training trials");
        meter.CreateObservableGauge("sc.sweep.trial_epochs.budget", () => Each(snapshots, s => s.TrialEpochsBudget), description: "The sweep's trial-epoch budget");
    }

    private static IEnumerable<Measurement<T>> Each<T>(SweepSnapshots snapshots, Func<SweepSnapshot, T> value)
        where T : struct =>
        snapshots.Current.Select(s => new Measurement<T>(value(s), Labels(s)));

    private static IEnumerable<Measurement<double>> EachBest(SweepSnapshots snapshots) =>
        snapshots.Current.Where(s => s.BestAccuracy is not null).Select(s => new Measurement<double>(s.BestAccuracy!.Value, Labels(s)));

    private static IEnumerable<Measurement<int>> TrialsByState(SweepSnapshots snapshots)
    {
        foreach (var snapshot in snapshots.Current)
        {
            for (var i = 0; i < StateNames.Length; i++)
            {
                yield return new Measurement<int>(
                    snapshot.Trials[SweepTrialCounts.States[i]],
                    new KeyValuePair<string, object?>("sweep_id", snapshot.SweepId),
                    new KeyValuePair<string, object?>("sweep_name", snapshot.Name),
                    new KeyValuePair<string, object?>("state", StateNames[i]));
            }
        }
    }

    private static KeyValuePair<string, object?>[] Labels(SweepSnapshot snapshot) =>
        [new("sweep_id", snapshot.SweepId), new("sweep_name", snapshot.Name)];
}
