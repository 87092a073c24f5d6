using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Trials;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.RangeTests;
using SuperConvergence.Training.Training;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.RangeTests;

public sealed class RangeTestRunnerTests
{
    private static readonly RangeTestRunner Runner = new(new DatasetStore(Path.GetTempPath()), CPU);

    private static RangeTestRun Run(double startLr, double endLr, int iterations, int accuracyEvery = 0, int validation = 0, string model = "mlp") =>
        new("synthetic", new ModelSetup(model, 0.25, OptimizerSettings.Sgd(0), Seed: 1), new RangeTestPlan(startLr, endLr, iterations, RangeTestRamp.Exponential),
            Momentum: 0.9, BatchSize: 32, accuracyEvery, new DataSelection(ValidationCount: validation));

    [Fact]
    public async Task Every_iteration_records_the_ramped_lr_and_its_loss_and_the_loss_falls_at_moderate_rates()
    {
        var plan = new RangeTestPlan(1e-4, 0.05, 40, RangeTestRamp.Exponential);

        var outcome = await Runner.RunAsync(Run(1e-4, 0.05, 40), onPoint: null, TestContext.Current.CancellationToken);

        Assert.False(outcome.Diverged);
        Assert.Equal(Enumerable.Range(0, 40).Select(plan.LearningRateAt), outcome.Points.Select(p => p.LearningRate));
        Assert.True(outcome.Points.TakeLast(5).Average(p => p.Loss) < outcome.Points.Take(5).Average(p => p.Loss));
        Assert.All(outcome.Points, p => Assert.Null(p.Accuracy));
    }

    [Fact]
    public async Task A_ramp_into_absurd_rates_stops_where_the_analysis_sees_divergence()
    {
        // Batch norm keeps the ResNet's loss alive until the rates blow it up (an MLP on this easy set just reaches
        // zero loss and stops learning, whatever the rate).
        var outcome = await Runner.RunAsync(Run(1e-3, 1e5, 200, model: "resnet-small"), onPoint: null, TestContext.Current.CancellationToken);

        Assert.True(outcome.Diverged);
        Assert.True(outcome.Points.Count < 200, $"ran all {outcome.Points.Count} iterations");
        var last = outcome.Points[^1];
        Assert.True(!double.IsFinite(last.Loss) || RangeTestAnalysis.Analyze(outcome.Points).DivergenceLr is not null);
        Assert.Null(RangeTestAnalysis.Analyze(outcome.Points.SkipLast(1).ToList()).DivergenceLr);
    }

    [Fact]
    public async Task Accuracy_is_measured_on_the_validation_split_at_the_asked_interval_and_at_the_end()
    {
        var points = new List<RangeTestPoint>();

        var outcome = await Runner.RunAsync(Run(1e-3, 0.05, 25, accuracyEvery: 10, validation: 64), points.Add, TestContext.Current.CancellationToken);

        Assert.Equal([9, 19, 24], outcome.Points.Select((p, i) => (p, i)).Where(x => x.p.Accuracy is not null).Select(x => x.i));
        Assert.All(outcome.Points.Where(p => p.Accuracy is not null), p => Assert.InRange(p.Accuracy!.Value, 0, 1));
        Assert.Equal(outcome.Points, points);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_curve()
    {
        var first = await Runner.RunAsync(Run(1e-3, 0.05, 15), null, TestContext.Current.CancellationToken);
        var again = await Runner.RunAsync(Run(1e-3, 0.05, 15), null, TestContext.Current.CancellationToken);

        Assert.Equal(first.Points, again.Points);
    }
}
