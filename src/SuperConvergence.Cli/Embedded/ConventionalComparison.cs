using Spectre.Console;
using SuperConvergence.Core.Search;

namespace SuperConvergence.Cli.Embedded;

/// <summary>
/// The demo's control run: the sweep's best 1cycle trial again, everything the same (model, data, batch size, weight
/// decay, seed, epochs) but the schedule — the conventional step schedule the paper compares against (PyTorch
/// MultiStepLR: LR 0.1, ×0.1 at 50 % and 75 % of training, momentum 0.9). Shown beside the best trial, it makes the
/// gain the product exists for visible on the demo's last screen.
/// </summary>
internal static class ConventionalComparison
{
    public const double LearningRate = 0.1;
    public const double Momentum = 0.9;

    public static async Task RunAsync(CliConsole console, IGrainFactory grains, string sweepId, CancellationToken cancellationToken)
    {
        var best = await grains.GetGrain<ISweepGrain>(sweepId).GetBest(1);
        if (best.Count == 0)
        {
            console.Error.WriteLine("control: no training trial completed, so there is no best configuration to compare with the conventional schedule");
            return;
        }

        var view = await grains.GetGrain<ITrialGrain>(best[0].TrialId).Get();
        if (view.Definition?.Proposal is not TrainingProposal { Config: var config })
        {
            console.Error.WriteLine($"control: trial {best[0].TrialId} has no training config to repeat");
            return;
        }

        console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"control: trial {best[0].TrialId}'s model, data, batch {config.BatchSize}, weight decay {config.WeightDecay:G4} and seed for {config.CycleEpochs} epoch(s), with the conventional step schedule instead of 1cycle (LR {LearningRate:G}, ×0.1 at 50 % and 75 %, momentum {Momentum:G})"));
        if (!TrainingDevice.TryResolve("auto", out var device, out var problem))
        {
            console.Error.WriteLine($"control: skipped: {problem}");
            return;
        }

        var store = new DatasetStore(DataCache.DefaultDirectory());
        var outcome = await new TrainingRunner(store, device)
            .RunAsync(PlanFor(config, store, device), resumeFrom: null, new EpochLines(console, config.CycleEpochs), cancellationToken);

        var table = new Table().Border(TableBorder.Rounded).Title($"1cycle against the conventional schedule, {config.CycleEpochs} epoch(s) each");
        foreach (var column in new[] { "schedule", "LR", "weight decay", "batch", "epochs", "test accuracy" })
        {
            table.AddColumn(column);
        }

        table.AddRow(
            "1cycle (the sweep's best)",
            $"{SweepTables.Lr(config.MinLr)} → {SweepTables.Lr(config.MaxLr)} → {SweepTables.Lr(config.FinalLr)}",
            SweepTables.Lr(config.WeightDecay), Invariant(config.BatchSize), Invariant(config.CycleEpochs), SweepTables.Percent(best[0].Accuracy));
        var conventional = outcome.Status == TrialEnd.Completed && outcome.Epochs.Count > 0 ? outcome.Epochs[^1].TestAccuracy : (double?)null;
        table.AddRow(
            "conventional step",
            $"{SweepTables.Lr(LearningRate)} → {SweepTables.Lr(LearningRate / 10)} → {SweepTables.Lr(LearningRate / 100)}",
            SweepTables.Lr(config.WeightDecay), Invariant(config.BatchSize), Invariant(config.CycleEpochs),
            conventional is double accuracy ? SweepTables.Percent(accuracy) : "diverged");
        SweepTables.ConsoleFor(console).Write(table);
        if (conventional is double baseline)
        {
            console.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"1cycle at the max LR the sweep found: {(best[0].Accuracy - baseline) * 100:+0.00;-0.00} points of test accuracy over the conventional schedule in the same {config.CycleEpochs} epoch(s)"));
        }
    }

    /// <summary>The trial's own training plan (model, data, batch, weight decay, seed, epochs) with the conventional schedule.</summary>
    internal static TrainingPlan PlanFor(TrialConfig config, DatasetStore store, TorchSharp.torch.Device device) =>
        new TorchTrainer(store, device).PlanFor(config) with
        {
            Schedule = new ScheduleRecipe(
                string.Create(CultureInfo.InvariantCulture, $"multistep(lr={LearningRate:R},milestones=50%,75%,gamma=0.1,momentum={Momentum:R})"),
                steps => MultiStepSchedule.Conventional(LearningRate, Momentum, steps)),
        };

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One plain line per epoch of the control run on stderr, so a long run shows it is alive.</summary>
    private sealed class EpochLines(CliConsole console, int epochs) : TrainingCallbacks
    {
        public override ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint? checkpoint, CancellationToken cancellationToken)
        {
            console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"control epoch {metrics.Epoch}/{epochs}: train loss {metrics.TrainLoss:F4}, test loss {metrics.TestLoss:F4}, test accuracy {metrics.TestAccuracy:P2}"));
            return ValueTask.CompletedTask;
        }
    }
}
