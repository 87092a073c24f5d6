using CsCheck;
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

    [Fact]
    public void A_point_of_the_cycle_matches_the_trial_s_own_schedule_at_any_step_count_to_within_one_nominal_step()
    {
        var plan = new CyclePlan(Config);
        Gen.Int[1, 5000].Select(Gen.Double[0, 1]).Sample((stepsPerEpoch, fraction) =>
        {
            var total = 10 * stepsPerEpoch;
            var taken = Math.Max(1, (int)Math.Round(fraction * total));
            var real = new OneCycleSchedule(new OneCycleOptions(0.8, total, DivFactor: 25, FinalDivFactor: 1e4, BaseMomentum: 0.85, MaxMomentum: 0.95)).At(taken - 1);
            var planned = plan.After((double)taken / total);

            // One step of 1,000 nominal steps per epoch changes the LR by at most max_lr·π/(0.3·10,000)/2 (the steepest
            // cosine slope), plus the real schedule's own step when it is coarser.
            var tolerance = 0.8 * Math.PI / (0.3 * 10 * Math.Min(1000, stepsPerEpoch)) * 1.01;
            return Math.Abs(real.LearningRate - planned.LearningRate) <= tolerance
                && Math.Abs(real.Momentum - planned.Momentum) <= 0.1 * Math.PI / (0.3 * 10 * Math.Min(1000, stepsPerEpoch)) * 1.01;
        });
    }

    [Fact]
    public void An_epoch_s_end_is_the_point_at_its_fraction_of_the_cycle()
    {
        var plan = new CyclePlan(Config);
        for (var epoch = 1; epoch <= 10; epoch++)
        {
            Assert.Equal(plan.AtEndOf(epoch), plan.After(epoch / 10.0));
        }

        Assert.Equal(new OneCycleSchedule(new OneCycleOptions(0.8, 10_000, DivFactor: 25, FinalDivFactor: 1e4, BaseMomentum: 0.85, MaxMomentum: 0.95)).At(0), plan.After(0));
        Assert.Equal(plan.AtEndOf(10), plan.After(1.7));
    }
}
