using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Schedules;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Tensors;
using SuperConvergence.Training.RangeTests;
using SuperConvergence.Training.Tests.Training;
using SuperConvergence.Training.Training;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.RangeTests;

public sealed class HessianFreeEstimatorTests
{
    private static readonly HessianFreeEstimator Estimator = new(new DatasetStore(Path.GetTempPath()), CPU);

    /// <summary>A quarter width keeps the resnet small (CpuKernelGuard keeps oneDNN's NaN-producing kernels off it).</summary>
    private static HessianFreeRun Run(string model = "resnet-small", int iterations = 12, double lr = 0.01, string dataset = "synthetic") =>
        new(dataset, new ModelSetup(model, 0.25, OptimizerSettings.Sgd(5e-4), Seed: 1), iterations, lr, Momentum: 0.9, BatchSize: 32);

    [Fact]
    public void On_a_quadratic_every_iteration_reads_the_closed_form_step_at_the_point_sgd_has_reached()
    {
        const double lr = 2e-4, momentum = 0.9, decay = 0.01;
        int[] blocks = [3, 4];
        using var bowl = new QuadraticBowl(Quadratic.Random(blocks, 1e3, seed: 21), ScalarType.Float64);
        var held = CurvatureProbeTests.Held(bowl, blocks);
        var probe = CurvatureProbe.For(bowl);
        var accumulator = new HessianFreeAccumulator(probe.LayerNames, window: 1);
        using var sgd = optim.SGD(bowl.parameters(), lr, momentum, weight_decay: decay);

        // SGD as PyTorch defines it, in doubles: d = ∇L + λθ; buffer = d first, then μ·buffer + d; θ −= lr·buffer.
        var theta = held.Theta;
        var buffer = new double[theta.Length];
        for (var k = 0; k < 15; k++)
        {
            var iteration = HessianFreeEstimator.Iterate(probe, bowl.Loss, decay, accumulator, () => sgd.step());

            var d = held.Direction(theta, decay);
            var expected = Quadratic.Dot(d, d) / (Quadratic.Dot(d, held.Times(d)) + decay * Quadratic.Dot(d, d));
            CurvatureProbeTests.AssertClose(expected, iteration!.LearningRate!.Value, 1e-9, $"iteration {k}");
            var current = theta;
            buffer = [.. d.Select((v, i) => k == 0 ? v : momentum * buffer[i] + v)];
            theta = [.. current.Select((v, i) => v - lr * buffer[i])];
        }

        var estimate = accumulator.Result(diverged: false);
        // A window of one: the estimate is the last iteration's (through a log and back, so to rounding).
        Assert.Equal(estimate.Series[^1].LearningRate!.Value, estimate.LearningRate!.Value, 1e-15);
        Assert.All(bowl.Theta().Zip(theta), pair => Assert.Equal(pair.Second, pair.First, 1e-9));
    }

    [Fact]
    public async Task A_resnet_on_synthetic_images_gets_a_finite_positive_estimate_for_the_model_and_a_reading_for_every_layer()
    {
        var seen = new List<HessianFreeIteration>();

        var estimate = await Estimator.RunAsync(Run(iterations: 20), seen.Add, TestContext.Current.CancellationToken);

        Assert.False(estimate.Diverged);
        Assert.Equal(20, estimate.Iterations);
        Assert.Equal(estimate.Series, seen);
        Assert.True(estimate.LearningRate is > 0 and < double.PositiveInfinity, $"estimate {estimate.LearningRate}");
        Assert.Equal(20, estimate.IterationsUsed + estimate.IterationsSkipped);
        Assert.True(estimate.IterationsUsed > 0);
        string[] blocks = [.. Enumerable.Range(0, 3).SelectMany(b => new[] { "conv1", "bn1", "conv2", "bn2" }.Select(l => $"blocks.{b}.{l}"))];
        Assert.Equal(["stem", "stemNorm", .. blocks, "classifier"], estimate.Layers.Select(l => l.Layer));
        Assert.All(estimate.Layers, l => Assert.Equal(20, l.IterationsUsed + l.IterationsSkipped));
        Assert.Contains(estimate.Layers, l => l.LearningRate is > 0);
    }

    [Fact]
    public async Task Reading_the_curvature_leaves_training_as_it_would_have_gone_even_with_random_crops_and_flips()
    {
        using var cache = TrainingFixtures.MiniatureCifarCache();
        var store = new DatasetStore(cache.Path);
        var run = Run(iterations: 8, dataset: "cifar10");

        var estimate = await new HessianFreeEstimator(store, CPU).RunAsync(run, null, TestContext.Current.CancellationToken);

        // The same steps without the estimator: if its second pass drew a fresh augmentation or left the weights,
        // grads or batch-norm statistics changed, these losses would part from the estimator's.
        Assert.Equal(PlainSgdLosses(store, run), estimate.Series.Select(i => i.Loss));
    }

    [Fact]
    public async Task An_absurd_learning_rate_ends_the_estimate_as_diverged_at_the_first_non_finite_loss()
    {
        var estimate = await Estimator.RunAsync(Run(model: "mlp", iterations: 40, lr: 1e8), null, TestContext.Current.CancellationToken);

        Assert.True(estimate.Diverged);
        Assert.True(estimate.Iterations < 40, $"ran {estimate.Iterations} iterations");
        Assert.All(estimate.Series, i => Assert.True(double.IsFinite(i.Loss)));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_estimate()
    {
        var first = await Estimator.RunAsync(Run(iterations: 6), null, TestContext.Current.CancellationToken);
        var again = await Estimator.RunAsync(Run(iterations: 6), null, TestContext.Current.CancellationToken);

        Assert.Equal(first.LearningRate, again.LearningRate);
        Assert.Equal(first.Series.Select(i => (i.Loss, i.LearningRate)), again.Series.Select(i => (i.Loss, i.LearningRate)));
    }

    [Fact]
    public async Task A_run_the_estimate_cannot_make_is_refused_before_it_starts()
    {
        var adam = Run() with { Setup = new ModelSetup("mlp", 0.25, new OptimizerSettings(OptimizerKind.AdamW, 0), 1) };

        await Assert.ThrowsAsync<ArgumentException>(() => Estimator.RunAsync(adam, null, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => Estimator.RunAsync(Run(lr: 0), null, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => Estimator.RunAsync(Run() with { Window = 0 }, null, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => Estimator.RunAsync(Run() with { RelativeStep = 1 }, null, TestContext.Current.CancellationToken));
    }

    /// <summary>The run's SGD steps at its constant LR through the training components alone: each step's batch loss.</summary>
    private static List<double> PlainSgdLosses(DatasetStore store, HessianFreeRun run)
    {
        var (definition, data) = store.Prepare(run.Dataset, run.Selection);
        var value = new ScheduleValue(run.LearningRate, run.Momentum);
        using var components = TrainingComponents.Create(run.Setup, definition, data.Train, data.AccuracyProbe, value, CPU);
        var losses = new List<double>();
        while (losses.Count < run.Iterations)
        {
            using var epoch = NewDisposeScope();
            foreach (var batch in EpochBatches.Shuffled(components.Train.Count, run.BatchSize, components.DataGenerator, CPU).Take(run.Iterations - losses.Count))
            {
                losses.Add(components.Step(batch, value));
            }
        }

        return losses;
    }
}
