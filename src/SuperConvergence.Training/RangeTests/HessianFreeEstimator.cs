using static TorchSharp.torch;

namespace SuperConvergence.Training.RangeTests;

/// <summary>
/// The super-convergence paper's Hessian-free LR estimate: trains a fresh model with SGD at a fixed LR and, at every
/// iteration, reads the curvature along the gradient by a finite difference of gradients on the same batch, before
/// taking the ordinary step. The reading leaves the training exactly as it would have gone without it.
/// </summary>
public sealed class HessianFreeEstimator(DatasetStore datasets, Device device)
{
    /// <param name="onIteration">Called on the training thread after every iteration (progress display).</param>
    public Task<HessianFreeEstimate> RunAsync(HessianFreeRun run, Action<HessianFreeIteration>? onIteration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.Validate();
        return TrainingThread.RunOnce("hessian-free estimate", () => Run(run, onIteration, cancellationToken));
    }

    /// <summary>
    /// One iteration: the curvature reading of <paramref name="loss"/>, recorded; then, when the loss was finite, the
    /// optimiser's step on the gradient the reading left in place. Null when the loss was not finite (no step taken).
    /// </summary>
    internal static HessianFreeIteration? Iterate(
        CurvatureProbe probe, Func<Tensor> loss, double weightDecay, HessianFreeAccumulator accumulator, Action step)
    {
        var reading = probe.Measure(loss, weightDecay);
        if (!double.IsFinite(reading.Loss))
        {
            return null;
        }

        var iteration = accumulator.Record(reading.Loss, reading.Layers);
        step();
        return iteration;
    }

    private HessianFreeEstimate Run(HessianFreeRun run, Action<HessianFreeIteration>? onIteration, CancellationToken cancellationToken)
    {
        var (definition, data) = datasets.Prepare(run.Dataset, run.Selection);
        var constant = new ScheduleValue(run.LearningRate, run.Momentum);
        using var components = TrainingComponents.Create(run.Setup, definition, data.Train, data.AccuracyProbe, constant, device, statistics: data.Statistics);
        var probe = CurvatureProbe.For(components.Model, run.RelativeStep);
        var accumulator = new HessianFreeAccumulator(probe.LayerNames, run.Window);
        var weightDecay = run.Setup.Optimizer.WeightDecay;
        var step = 0;
        while (step < run.Iterations)
        {
            using var epochScope = NewDisposeScope();
            foreach (var batch in EpochBatches.Shuffled(components.Train.Count, run.BatchSize, components.DataGenerator, device))
            {
                if (step >= run.Iterations)
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                using var iterationScope = NewDisposeScope();
                // The batch (and its augmentation draw) is made once and both passes read it: the difference of
                // gradients then measures the curvature, not a change of data.
                var (inputs, labels) = components.Train.Batch(batch, components.Augmentation, components.DataGenerator);
                var iteration = Iterate(
                    probe, () => nn.functional.cross_entropy(components.Model.call(inputs), labels), weightDecay, accumulator, components.Optimizer.Step);
                if (iteration is null)
                {
                    return accumulator.Result(diverged: true);
                }

                onIteration?.Invoke(iteration);
                step++;
            }
        }

        return accumulator.Result(diverged: false);
    }
}
