using static TorchSharp.torch;

namespace SuperConvergence.Training.Training;

/// <summary>
/// Runs a plan from start (or from a checkpoint) to its last epoch. All tensor work happens on dedicated threads;
/// per-epoch callbacks run back in the caller's context, so an Orleans grain can await this without blocking.
/// Preempted (<see cref="TrainingCallbacks.Preemption"/>), it stops before the next step and throws
/// <see cref="TrainingPreemptedException"/> with a checkpoint of that step.
/// </summary>
public sealed class TrainingRunner(DatasetStore datasets, Device device)
{
    public Device Device { get; } = device;

    public async Task<TrainingOutcome> RunAsync(
        TrainingPlan plan,
        byte[]? resumeFrom,
        TrainingCallbacks callbacks,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var thread = new TrainingThread($"training {plan.Model} on {plan.Dataset}");
        using var session = await thread.Run(() => Open(plan, resumeFrom));
        var epochs = new List<EpochMetrics>();
        while (!session.IsFinished)
        {
            var report = await thread.Run(() => session.RunEpoch(callbacks, cancellationToken));
            if (report.IsPaused)
            {
                var state = await thread.Run(session.SaveCheckpoint);
                throw new TrainingPreemptedException(new TrainingCheckpoint(session.CompletedEpochs, state, session.StepInEpoch));
            }

            if (report.Metrics is null)
            {
                return new TrainingOutcome(TrialEnd.Diverged, epochs);
            }

            epochs.Add(report.Metrics);
            await callbacks.OnEpochCompletedAsync(report.Metrics, report.Checkpoint, cancellationToken);
        }

        return new TrainingOutcome(TrialEnd.Completed, epochs);
    }

    private TrainingSession Open(TrainingPlan plan, byte[]? resumeFrom)
    {
        var (definition, data) = datasets.Prepare(plan.Dataset, plan.Selection);
        var session = TrainingSession.Create(plan, definition, data, Device);
        try
        {
            if (resumeFrom is not null)
            {
                session.RestoreCheckpoint(resumeFrom);
            }

            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }
}
