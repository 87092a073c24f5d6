using SuperConvergence.Core.Search;

namespace SuperConvergence.Cli.Sweeps;

/// <summary>
/// `sc trial watch`: follows one trial's curve as its grain records it, one plain line per recorded epoch (with the LR
/// and momentum its 1cycle plans there) or per range-test progress report, until the trial reaches a final state. Plain
/// appended lines, so the output reads the same on a terminal, in a pipe or in a log file.
/// </summary>
internal sealed class TrialWatch(TextWriter output, TimeSpan refresh, TimeProvider clock)
{
    /// <summary>Prints the trial's curve so far and then as it grows; returns the trial's final view.</summary>
    public async Task<TrialView> FollowAsync(Func<Task<TrialView>> read, CancellationToken cancellationToken)
    {
        var view = await read();
        output.WriteLine(Header(view));
        var plan = view.Definition?.Proposal is TrainingProposal { Config: var config } ? new CyclePlan(config) : null;
        var lastEpoch = 0;
        int? lastIteration = null;
        while (true)
        {
            foreach (var epoch in view.Epochs.Where(e => e.Epoch > lastEpoch).OrderBy(e => e.Epoch))
            {
                output.WriteLine(EpochLine(epoch, plan));
                lastEpoch = epoch.Epoch;
            }

            if (view.RangeTestProgress is { } progress && progress.Iterations != lastIteration && !view.State.IsFinal())
            {
                output.WriteLine(ProgressLine(progress));
                lastIteration = progress.Iterations;
            }

            if (view.State.IsFinal())
            {
                output.WriteLine(EndLine(view));
                return view;
            }

            await Task.Delay(refresh, clock, cancellationToken);
            view = await read();
        }
    }

    private static string Header(TrialView view)
    {
        var what = view.Definition?.Proposal switch
        {
            TrainingProposal { Config: var c } => string.Create(CultureInfo.InvariantCulture, $"training {c.Model} on {c.Dataset}: max LR {SweepTables.Lr(c.MaxLr)}, wd {SweepTables.Lr(c.WeightDecay)}, batch {c.BatchSize}, {c.CycleEpochs}-epoch 1cycle"),
            RangeTestProposal { Config: var r } => string.Create(CultureInfo.InvariantCulture, $"range test of {r.Model} on {r.Dataset}: LR {SweepTables.Lr(r.StartLr)}→{SweepTables.Lr(r.EndLr)} over {r.Iterations} iterations"),
            _ => "no definition",
        };
        return $"trial {view.TrialId} ({view.State.ToWire()}, attempt {view.Attempts}{(view.Worker is null ? "" : $" on {view.Worker}")}): {what}";
    }

    private static string EpochLine(EpochMetrics epoch, CyclePlan? plan)
    {
        var planned = plan?.AtEndOf(epoch.Epoch);
        var cycle = plan is null ? "" : string.Create(CultureInfo.InvariantCulture, $"/{plan.CycleEpochs}");
        var schedule = planned is { } p
            ? string.Create(CultureInfo.InvariantCulture, $" (planned {SweepTables.Lr(p.LearningRate)}), momentum {p.Momentum:0.000}")
            : "";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"epoch {epoch.Epoch}{cycle}  LR {SweepTables.Lr(epoch.LearningRate)}{schedule}  train loss {epoch.TrainLoss:0.0000}  test loss {epoch.TestLoss:0.0000}  accuracy {SweepTables.Percent(epoch.TestAccuracy)}  {epoch.ImagesPerSecond:0} img/s");
    }

    private static string ProgressLine(RangeTestProgress progress) => string.Create(
        CultureInfo.InvariantCulture,
        $"iteration {progress.Iterations}/{progress.PlannedIterations}  LR {SweepTables.Lr(progress.LearningRate)}  loss {progress.Loss:0.0000}");

    private static string EndLine(TrialView view) => view.State switch
    {
        TrialState.Completed when view.Accuracy is double accuracy => $"{view.State.ToWire()}: accuracy {SweepTables.Percent(accuracy)}",
        TrialState.Failed or TrialState.Diverged when view.Error is not null => $"{view.State.ToWire()}: {view.Error}",
        _ => view.State.ToWire(),
    };
}
