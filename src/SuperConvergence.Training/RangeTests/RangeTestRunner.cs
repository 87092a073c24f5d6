using static TorchSharp.torch;

namespace SuperConvergence.Training.RangeTests;

/// <summary>Runs LR range tests on a dedicated thread and records the loss (and accuracy, when asked) at every LR.</summary>
public sealed class RangeTestRunner(DatasetStore datasets, Device device)
{
    /// <param name="onPoint">Called on the training thread after every recorded iteration (progress display).</param>
    public Task<RangeTestOutcome> RunAsync(RangeTestRun run, Action<RangeTestPoint>? onPoint, CancellationToken cancellationToken)
    {
        run.Validate();
        return TrainingThread.RunOnce("lr range test", () => Run(run, onPoint, cancellationToken));
    }

    private RangeTestOutcome Run(RangeTestRun run, Action<RangeTestPoint>? onPoint, CancellationToken cancellationToken)
    {
        var (definition, data) = datasets.Prepare(run.Dataset, run.Selection);
        var iterations = run.Ramp.Iterations;
        var first = new ScheduleValue(run.Ramp.LearningRateAt(0), run.Momentum);
        using var components = TrainingComponents.Create(run.Setup, definition, data.Train, data.AccuracyProbe, first, device, statistics: data.Statistics);
        var points = new List<RangeTestPoint>(iterations);
        var step = 0;
        while (step < iterations)
        {
            using var epochScope = NewDisposeScope();
            foreach (var batch in EpochBatches.Shuffled(components.Train.Count, run.BatchSize, components.DataGenerator, device))
            {
                if (step >= iterations)
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var value = new ScheduleValue(run.Ramp.LearningRateAt(step), run.Momentum);
                double loss = components.Step(batch, value);
                var measure = run.AccuracyEvery > 0 && double.IsFinite(loss) && ((step + 1) % run.AccuracyEvery == 0 || step == iterations - 1);
                double? accuracy = measure ? components.Evaluate(run.EvaluationBatchSize).Accuracy : null;
                var point = new RangeTestPoint(value.LearningRate, loss, accuracy);
                points.Add(point);
                onPoint?.Invoke(point);
                if (!double.IsFinite(loss) || HasDiverged(points, run.AnalysisOptions))
                {
                    return new RangeTestOutcome(points, Diverged: true);
                }

                step++;
            }
        }

        return new RangeTestOutcome(points, Diverged: false);
    }

    /// <summary>
    /// Divergence exactly as Core's analysis will judge the curve (smoothed loss past DivergeFactor × its running
    /// minimum), so the runner never stops before, or runs long after, the point the analysis reports.
    /// </summary>
    private static bool HasDiverged(List<RangeTestPoint> points, RangeTestAnalysisOptions options)
    {
        if (points.Count < RangeTestAnalysis.MinimumPoints)
        {
            return false;
        }

        try
        {
            return RangeTestAnalysis.Analyze(points, options).DivergenceLr is not null;
        }
        catch (ScheduleSettingException)
        {
            // The analysis refuses a curve that diverged before it had enough points: diverged all the same.
            return true;
        }
    }
}
