using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Trials;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Tensors;
using SuperConvergence.Training.Training;
using static TorchSharp.torch;

namespace SuperConvergence.Training.RangeTests;

/// <summary>Runs LR range tests on a dedicated thread and records the loss (and accuracy, when asked) at every LR.</summary>
public sealed class RangeTestRunner(DatasetStore datasets, Device device)
{
    /// <param name="onPoint">Called on the training thread after every recorded iteration (progress display).</param>
    public Task<RangeTestOutcome> RunAsync(RangeTestPlan plan, Action<RangeTestPoint>? onPoint, CancellationToken cancellationToken)
    {
        plan.Validate();
        return DedicatedThread.Run("lr range test", () => Run(plan, onPoint, cancellationToken));
    }

    private RangeTestOutcome Run(RangeTestPlan plan, Action<RangeTestPoint>? onPoint, CancellationToken cancellationToken)
    {
        var (definition, data) = datasets.Prepare(plan.Dataset, plan.Selection);
        var ramp = plan.Schedule();
        using var components = TrainingComponents.Create(plan.Setup, definition, data.Train, data.AccuracyProbe, ramp.At(0), device);
        var points = new List<RangeTestPoint>(plan.Iterations);
        var lowest = double.PositiveInfinity;
        var step = 0;
        while (step < plan.Iterations)
        {
            using var epochScope = NewDisposeScope();
            foreach (var batch in EpochBatches.Shuffled(components.Train.Count, plan.BatchSize, components.DataGenerator, device))
            {
                if (step >= plan.Iterations)
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var value = ramp.At(step);
                double loss = components.Step(batch, value);
                if (!double.IsFinite(loss))
                {
                    return new RangeTestOutcome(points, Diverged: true);
                }

                var measure = plan.AccuracyEvery > 0 && ((step + 1) % plan.AccuracyEvery == 0 || step == plan.Iterations - 1);
                double? accuracy = measure ? components.Evaluate(plan.EvaluationBatchSize).Accuracy : null;
                var point = new RangeTestPoint(value.LearningRate, loss, accuracy);
                points.Add(point);
                onPoint?.Invoke(point);
                if (loss > plan.StopFactor * lowest)
                {
                    return new RangeTestOutcome(points, Diverged: true);
                }

                lowest = Math.Min(lowest, loss);
                step++;
            }
        }

        return new RangeTestOutcome(points, Diverged: false);
    }
}
