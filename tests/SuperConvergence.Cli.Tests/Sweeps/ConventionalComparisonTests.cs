using SuperConvergence.Cli.Embedded;
using SuperConvergence.Core.Trials;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Training;
using static TorchSharp.torch;

namespace SuperConvergence.Cli.Tests.Sweeps;

/// <summary>The demo's control run: the best trial again with the conventional step schedule, nothing else changed.</summary>
public sealed class ConventionalComparisonTests
{
    private static readonly TrialConfig Best = new("synthetic", "mlp", 0.8, 25, 1e4, 1e-4, 32, 2, 0.85, 0.95, 7, TrainImages: 256, TestImages: 64);

    [Fact]
    public void The_control_repeats_the_trials_plan_with_the_step_schedule_instead_of_1cycle()
    {
        using var cache = TemporaryDirectory.Create();
        var store = new DatasetStore(cache.Path);
        var onecycle = new TorchTrainer(store, CPU).PlanFor(Best);

        var control = ConventionalComparison.PlanFor(Best, store, CPU);

        Assert.Equal(onecycle with { Schedule = control.Schedule }, control);
        var schedule = control.Schedule.Build(100);
        Assert.Equal(new Core.Schedules.ScheduleValue(0.1, 0.9), schedule.At(0));
        Assert.Equal(0.1, schedule.At(49).LearningRate, 12);
        Assert.Equal(0.01, schedule.At(50).LearningRate, 12);
        Assert.Equal(0.001, schedule.At(75).LearningRate, 12);
        Assert.All(Enumerable.Range(0, 100), step => Assert.Equal(0.9, schedule.At(step).Momentum));
        Assert.Contains("multistep", control.Schedule.Description);
    }

    [Fact]
    public async Task The_control_trains_the_trials_epochs()
    {
        using var cache = TemporaryDirectory.Create();
        var store = new DatasetStore(cache.Path);

        var outcome = await new TrainingRunner(store, CPU).RunAsync(
            ConventionalComparison.PlanFor(Best, store, CPU), resumeFrom: null, TrainingCallbacks.None, TestContext.Current.CancellationToken);

        Assert.Equal(TrialEnd.Completed, outcome.Status);
        Assert.Equal(Best.CycleEpochs, outcome.Epochs.Count);
        Assert.InRange(outcome.Epochs[^1].TestAccuracy, 0, 1);
    }
}
