using CsCheck;
using SuperConvergence.Core.Schedules;

namespace SuperConvergence.Core.Tests.Schedules;

/// <summary>Invariants of the cyclical schedules over random arguments.</summary>
public sealed class SchedulePropertyTests
{
    private static readonly Gen<OneCycleOptions> OneCycles =
        from maxLr in Gen.Double[1e-4, 10]
        from totalSteps in Gen.Int[20, 3000]
        from threePhase in Gen.Bool
        from pct in threePhase ? Gen.Double[0.05, 0.45] : Gen.Double[0.05, 0.95]
        from cos in Gen.Bool
        from div in Gen.Double[1.5, 100]
        from finalDiv in Gen.Double[1, 1e5]
        from baseMomentum in Gen.Double[0.5, 0.9]
        from momentumGap in Gen.Double[0, 0.09]
        select new OneCycleOptions(maxLr, totalSteps, pct, cos ? AnnealStrategy.Cos : AnnealStrategy.Linear, true, baseMomentum, baseMomentum + momentumGap, div, finalDiv, threePhase);

    private static readonly Gen<CyclicOptions> Cyclics =
        from baseLr in Gen.Double[1e-5, 1]
        from ratio in Gen.Double[1, 100]
        from totalSteps in Gen.Int[2, 2000]
        from up in Gen.Int[1, 300]
        from down in Gen.Int[1, 300]
        from mode in Gen.Int[0, 2]
        from gamma in Gen.Double[0.9, 1]
        select new CyclicOptions(baseLr, baseLr * ratio, totalSteps, up, down, (CyclicMode)mode, gamma, true, 0.8, 0.9);

    [Fact]
    public void OneCycle_lr_stays_between_its_final_value_and_max_lr() => OneCycles.Sample(options =>
    {
        var schedule = new OneCycleSchedule(options);
        var lowest = options.MaxLr / options.DivFactor / options.FinalDivFactor;
        for (var step = 0; step < schedule.TotalSteps; step++)
        {
            var lr = schedule.At(step).LearningRate;
            Assert.InRange(lr, lowest * (1 - 1e-9), options.MaxLr * (1 + 1e-9));
        }
    });

    [Fact]
    public void OneCycle_is_defined_on_exactly_total_steps() =>
        OneCycles.Sample(options => AssertDefinedOnExactly(new OneCycleSchedule(options), options.TotalSteps));

    [Fact]
    public void OneCycle_has_no_jump_at_phase_boundaries() => OneCycles.Sample(options =>
    {
        // The steepest a phase can move per step: its whole range over its length, times π/2 for the cosine.
        var schedule = new OneCycleSchedule(options);
        var t = (double)options.TotalSteps;
        var shortestPhase = options.ThreePhase
            ? Math.Min(options.PctStart * t - 1, Math.Min(options.PctStart * t - 1, t - 1 - (2 * options.PctStart * t - 2)))
            : Math.Min(options.PctStart * t - 1, t - options.PctStart * t);
        var largestStep = Math.PI / 2 * options.MaxLr / shortestPhase * (1 + 1e-9);
        for (var step = 1; step < schedule.TotalSteps; step++)
        {
            Assert.True(Math.Abs(schedule.At(step).LearningRate - schedule.At(step - 1).LearningRate) <= largestStep);
        }
    });

    [Fact]
    public void OneCycle_momentum_moves_opposite_to_lr_within_each_phase() => OneCycles.Sample(options =>
    {
        // Across a phase end both pass their extreme between two steps, each on its own side: only pairs of steps
        // inside one phase are comparable (as in PyTorch).
        var t = (double)options.TotalSteps;
        double[] ends = options.ThreePhase ? [options.PctStart * t - 1, 2 * options.PctStart * t - 2] : [options.PctStart * t - 1];
        var schedule = new OneCycleSchedule(options);
        for (var step = 1; step < schedule.TotalSteps; step++)
        {
            var (before, after) = (schedule.At(step - 1), schedule.At(step));
            Assert.InRange(after.Momentum, options.BaseMomentum - 1e-12, options.MaxMomentum + 1e-12);
            if (ends.Any(end => step - 1 <= end && end < step))
            {
                continue;
            }

            Assert.True((after.LearningRate - before.LearningRate) * (after.Momentum - before.Momentum) <= 1e-15);
        }
    });

    [Fact]
    public void Cyclic_is_defined_on_exactly_total_steps() =>
        Cyclics.Sample(options => AssertDefinedOnExactly(new CyclicSchedule(options), options.TotalSteps));

    [Fact]
    public void Cyclic_triangular_returns_to_base_lr_at_every_cycle_start() => Cyclics.Where(o => o.Mode == CyclicMode.Triangular).Sample(options =>
    {
        var schedule = new CyclicSchedule(options);
        var cycle = options.StepSizeUp + options.StepSizeDown!.Value;
        for (var start = 0; start < schedule.TotalSteps; start += cycle)
        {
            Assert.Equal(options.BaseLr, schedule.At(start).LearningRate, 12);
            Assert.Equal(options.MaxMomentum, schedule.At(start).Momentum, 12);
        }
    });

    [Fact]
    public void Baselines_never_raise_the_lr_and_stay_within_max_lr() =>
        Gen.Select(Gen.Double[1e-4, 10], Gen.Int[2, 3000], Gen.Double[0.01, 0.9]).Sample((maxLr, totalSteps, gamma) =>
        {
            ITrainingSchedule[] schedules =
            [
                new ConstantSchedule(maxLr, 0.9, totalSteps),
                new MultiStepSchedule(maxLr, [totalSteps / 3 + 1, totalSteps / 2 + 2], gamma, 0.9, totalSteps),
                new CosineAnnealingSchedule(maxLr, 0.9, totalSteps),
            ];
            foreach (var schedule in schedules)
            {
                AssertDefinedOnExactly(schedule, totalSteps);
                for (var step = 0; step < totalSteps; step++)
                {
                    var lr = schedule.At(step).LearningRate;
                    Assert.InRange(lr, 0, maxLr);
                    Assert.True(step == 0 || lr <= schedule.At(step - 1).LearningRate);
                }
            }
        });

    [Fact]
    public void Cyclic_lr_and_momentum_stay_in_bounds_and_move_opposite() => Cyclics.Sample(options =>
    {
        var schedule = new CyclicSchedule(options);
        for (var step = 0; step < schedule.TotalSteps; step++)
        {
            var value = schedule.At(step);
            Assert.InRange(value.LearningRate, options.BaseLr * (1 - 1e-12), options.MaxLr * (1 + 1e-12));
            Assert.InRange(value.Momentum, options.BaseMomentum - 1e-12, options.MaxMomentum + 1e-12);
            if (step > 0)
            {
                var before = schedule.At(step - 1);
                Assert.True((value.LearningRate - before.LearningRate) * (value.Momentum - before.Momentum) <= 1e-15);
            }
        }
    });

    private static void AssertDefinedOnExactly(ITrainingSchedule schedule, int totalSteps)
    {
        Assert.Equal(totalSteps, schedule.TotalSteps);
        _ = schedule.At(totalSteps - 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.At(totalSteps));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.At(-1));
    }
}
