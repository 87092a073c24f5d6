using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Trials;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.RangeTests;
using SuperConvergence.Training.Training;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.Training;

public sealed class TorchTrainerTests
{
    private static readonly TorchTrainer Trainer = new(new DatasetStore(Path.GetTempPath()), CPU, new TorchTrainerOptions(WidthMultiplier: 0.5));

    private static TrialConfig Trial(int epochs = 3) =>
        new("synthetic", "resnet-small", MaxLr: 0.2, DivFactor: 25, FinalDivFactor: 1e4, WeightDecay: 5e-4, BatchSize: 64,
            CycleEpochs: epochs, BaseMomentum: 0.85, MaxMomentum: 0.95, Seed: 5, TrainImages: 384);

    [Fact]
    public async Task A_trial_trains_1cycle_and_reports_every_epoch_with_a_checkpoint_that_resumes_it_exactly()
    {
        var observer = new RecordingObserver();

        var outcome = await Trainer.TrainAsync(Trial(), null, observer, TestContext.Current.CancellationToken);
        var resumed = await Trainer.TrainAsync(Trial(), observer.Checkpoints[1], new RecordingObserver(), TestContext.Current.CancellationToken);

        Assert.Equal(TrialEnd.Completed, outcome.Status);
        Assert.Equal(outcome.Epochs, observer.Metrics);
        Assert.Equal([1, 2, 3], observer.Checkpoints.Select(c => c.Epoch));
        // 1cycle anneals to max/(25·1e4) at the last step.
        Assert.Equal(0.2 / 25 / 1e4, outcome.Last!.LearningRate, 1e-12);
        Assert.True(outcome.Last.TestAccuracy > 0.8, $"accuracy {outcome.Last.TestAccuracy}");
        var only = Assert.Single(resumed.Epochs);
        Assert.Equal(outcome.Last.TestLoss, only.TestLoss, 1e-5);
        Assert.Equal(outcome.Last.TrainLoss, only.TrainLoss, 1e-5);
    }

    [Fact]
    public async Task A_range_test_config_returns_its_curve_and_reports_every_iteration_as_it_goes()
    {
        var config = new RangeTestConfig("synthetic", "mlp", 1e-3, 0.1, 12, RangeTestRamp.Linear, WeightDecay: 0, BatchSize: 32, Momentum: 0.9, Seed: 2, AccuracyEvery: 5);
        var progress = new RecordingRangeTestObserver();

        var outcome = await Trainer.RangeTestAsync(config, progress, TestContext.Current.CancellationToken);

        Assert.Equal(12, outcome.Points.Count);
        Assert.Equal(Enumerable.Range(1, 12), progress.Reports.Select(report => report.Iterations));
        Assert.All(progress.Reports, report => Assert.Equal(12, report.PlannedIterations));
        Assert.Equal(outcome.Points.Select(point => (point.LearningRate, point.Loss)), progress.Reports.Select(report => (report.LearningRate, report.Loss)));
        Assert.Null(progress.Reports[3].Accuracy);
        // Accuracy measured at iteration 5 is carried until the next measurement, at 10.
        Assert.Equal(outcome.Points[4].Accuracy, progress.Reports[8].Accuracy);
        Assert.NotNull(progress.Reports[8].Accuracy);
        Assert.Equal(1e-3, outcome.Points[0].LearningRate, 1e-15);
        Assert.Equal(0.1, outcome.Points[^1].LearningRate, 1e-15);
        Assert.Null(outcome.Hessian);
    }

    [Fact]
    public async Task A_range_test_config_that_asks_for_the_hessian_free_estimate_gets_it_beside_the_same_curve()
    {
        var plain = new RangeTestConfig("synthetic", "mlp", 1e-3, 0.1, 12, RangeTestRamp.Linear, WeightDecay: 5e-4, BatchSize: 32, Momentum: 0.9, Seed: 2);
        var progress = new RecordingRangeTestObserver();

        var with = await Trainer.RangeTestAsync(plain with { Hessian = true }, progress, TestContext.Current.CancellationToken);
        var without = await Trainer.RangeTestAsync(plain, null, TestContext.Current.CancellationToken);
        var direct = await new HessianFreeEstimator(new DatasetStore(Path.GetTempPath()), CPU)
            .RunAsync(HessianFreeRun.From(plain, widthMultiplier: 0.5), null, TestContext.Current.CancellationToken);

        Assert.Equal(without.Points, with.Points);
        Assert.Equal(12, progress.Reports.Count);
        var estimate = Assert.IsType<HessianFreeEstimate>(with.Hessian);
        Assert.Equal(100, estimate.Iterations);
        Assert.Equal(["layers.0", "layers.1", "layers.2"], estimate.Layers.Select(l => l.Layer));
        Assert.True(estimate.LearningRate is > 0, $"estimate {estimate.LearningRate}");
        // The range test's model, seed, batch, momentum and weight decay at the trainer's width, SGD at LR 0.01.
        Assert.Equal(direct.Series.Select(i => (i.Loss, i.LearningRate)), estimate.Series.Select(i => (i.Loss, i.LearningRate)));
    }
}
