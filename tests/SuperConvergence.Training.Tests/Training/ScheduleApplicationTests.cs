using SuperConvergence.Core.Schedules;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Training;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.Training;

/// <summary>The LR and momentum the optimiser itself holds at every step, against Core's schedule computed apart.</summary>
public sealed class ScheduleApplicationTests
{
    private const double MaxLr = 0.1;
    private const int Epochs = 2;

    // 512 synthetic training images in batches of 64.
    private const int TotalSteps = 8 * Epochs;

    public static TheoryData<string, string> Runs => new()
    {
        { "onecycle", "sgd" },
        { "onecycle", "sgd-nesterov" },
        { "onecycle", "adamw" },
        { "cyclic", "sgd" },
        { "multistep", "sgd" },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_step_the_optimiser_holds_the_schedules_lr_and_momentum(string policy, string optimizer)
    {
        Assert.True(SchedulePolicies.TryParse(policy, out var chosen));
        var settings = optimizer switch
        {
            "sgd" => OptimizerSettings.Sgd(5e-4),
            "sgd-nesterov" => OptimizerSettings.Sgd(5e-4, nesterov: true),
            _ => new OptimizerSettings(OptimizerKind.AdamW, 1e-2),
        };
        var recipe = new ScheduleRecipe(policy, steps => SchedulePolicies.Create(chosen, MaxLr, steps, 0.85, 0.95));
        var plan = TrainingFixtures.SyntheticPlan(recipe, Epochs, model: "mlp", optimizer: settings);
        var expected = SchedulePolicies.Create(chosen, MaxLr, TotalSteps, 0.85, 0.95);
        var (definition, data) = new DatasetStore(Path.GetTempPath()).Prepare(plan.Dataset, plan.Selection);
        using var session = TrainingSession.Create(plan, definition, data, CPU);
        var observed = new OptimizerLog(session);

        while (!session.IsFinished)
        {
            Assert.False(session.RunEpoch(observed, TestContext.Current.CancellationToken).Diverged);
        }

        Assert.Equal(Enumerable.Range(0, TotalSteps), observed.Steps);
        for (var step = 0; step < TotalSteps; step++)
        {
            var groups = observed.Groups[step];
            Assert.NotEmpty(groups);
            Assert.All(groups, held => Assert.Equal(expected.At(step), held));
        }

        Assert.All(observed.Losses, loss => Assert.True(double.IsFinite(loss)));
        // The schedule moved: a constant LR would pass the comparison without proving anything is applied per step.
        Assert.True(observed.Groups.Select(g => g[0].LearningRate).Distinct().Count() > 1);
    }

    /// <summary>After every step, what the session's optimiser holds, read back from its parameter groups.</summary>
    private sealed class OptimizerLog(TrainingSession session) : TrainingCallbacks
    {
        public List<int> Steps { get; } = [];

        public List<double> Losses { get; } = [];

        public List<IReadOnlyList<ScheduleValue>> Groups { get; } = [];

        public override void OnIteration(in IterationMetrics metrics)
        {
            Steps.Add(metrics.Step);
            Losses.Add(metrics.Loss);
            Groups.Add(session.OptimizerSettingsNow);
        }
    }
}
