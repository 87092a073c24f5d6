using SuperConvergence.Core.Schedules;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Core.Tests.Trials;

public sealed class CyclePlanTests
{
    private static readonly TrialConfig Config = new("synthetic", "mlp", 0.8, 25, 1e4, 5e-4, 128, 10, 0.85, 0.95, 1);

    [Fact]
    public void Epoch_ends_follow_the_trial_s_1cycle_with_momentum_opposite_to_the_lr()
    {
        var plan = new CyclePlan(Config);
        var schedule = new OneCycleSchedule(new OneCycleOptions(0.8, 10 * 400, DivFactor: 25, FinalDivFactor: 1e4, BaseMomentum: 0.85, MaxMomentum: 0.95));
        var points = Enumerable.Range(1, 10).Select(plan.AtEndOf).ToList();

        // Warm-up to the peak by 30 % of the cycle, then down to max/(div·final_div), momentum mirrored.
        var peak = points.IndexOf(points.MaxBy(p => p.LearningRate));
        Assert.Equal(2, peak);
        Assert.Equal(points.Min(p => p.Momentum), points[peak].Momentum);
        Assert.Equal(0.8 / 25 / 1e4, points[^1].LearningRate, 1e-9);
        Assert.Equal(0.95, points[^1].Momentum, 1e-9);
        // The nominal steps change nothing a trainer with another step count would show at an epoch end beyond one step's change.
        for (var epoch = 1; epoch <= 10; epoch++)
        {
            var real = schedule.At((epoch * 400) - 1);
            Assert.Equal(real.LearningRate, points[epoch - 1].LearningRate, 0.8 * 0.003);
            Assert.Equal(real.Momentum, points[epoch - 1].Momentum, 0.003);
        }
    }

    [Fact]
    public void Epochs_outside_the_cycle_are_clamped_to_it()
    {
        var plan = new CyclePlan(Config);

        Assert.Equal(plan.AtEndOf(1), plan.AtEndOf(0));
        Assert.Equal(plan.AtEndOf(10), plan.AtEndOf(12));
    }
}
