using SuperConvergence.Core.Schedules;

namespace SuperConvergence.Core.Tests.Schedules;

public sealed class ScheduleValidationTests
{
    [Theory]
    [InlineData(double.NaN, 100, 0.3, "max_lr: NaN must be a finite number")]
    [InlineData(double.PositiveInfinity, 100, 0.3, "max_lr: Infinity must be a finite number")]
    [InlineData(-1.0, 100, 0.3, "max_lr: -1 must be > 0")]
    [InlineData(1.0, 1, 0.3, "total_steps: 1 must be at least 2")]
    [InlineData(1.0, 100, 0.0, "pct_start: 0 must be in (0, 1)")]
    [InlineData(1.0, 100, 1.0, "pct_start: 1 must be in (0, 1)")]
    [InlineData(1.0, 10, 0.1, "pct_start: 0.1 leaves phase 1 of the cycle no steps with total_steps 10")]
    public void Bad_onecycle_arguments_name_the_field_and_the_value(double maxLr, int totalSteps, double pct, string message)
    {
        var error = Assert.Throws<ScheduleSettingException>(() => new OneCycleSchedule(new OneCycleOptions(maxLr, totalSteps, pct)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Negative_factors_are_refused()
    {
        Assert.Equal("div_factor: -2 must be > 0", Assert.Throws<ScheduleSettingException>(() => new OneCycleSchedule(new OneCycleOptions(1, 100, DivFactor: -2))).Message);
        Assert.Equal("gamma: -0.5 must be > 0", Assert.Throws<ScheduleSettingException>(() => new CyclicSchedule(new CyclicOptions(0.1, 1, 100, Gamma: -0.5))).Message);
    }

    [Fact]
    public void Cyclic_max_below_base_is_refused()
    {
        var error = Assert.Throws<ScheduleSettingException>(() => new CyclicSchedule(new CyclicOptions(1.0, 0.5, 100)));

        Assert.Equal("max_lr", error.Field);
    }

    [Theory]
    [InlineData(0.9, 0.8, "max_momentum")]
    [InlineData(-0.1, 0.9, "base_momentum")]
    [InlineData(0.85, 1.0, "max_momentum")]
    [InlineData(double.NaN, 0.9, "base_momentum")]
    public void Momentum_ranges_that_cannot_cycle_are_refused(double baseMomentum, double maxMomentum, string field)
    {
        Assert.Equal(field, Assert.Throws<ScheduleSettingException>(() => new OneCycleSchedule(new OneCycleOptions(1, 100, BaseMomentum: baseMomentum, MaxMomentum: maxMomentum))).Field);
        Assert.Equal(field, Assert.Throws<ScheduleSettingException>(() => new CyclicSchedule(new CyclicOptions(0.1, 1, 100, BaseMomentum: baseMomentum, MaxMomentum: maxMomentum))).Field);
    }

    [Fact]
    public void The_refusal_keeps_field_value_and_problem_apart_for_front_ends()
    {
        var error = Assert.Throws<ScheduleSettingException>(() => new CyclicSchedule(new CyclicOptions(0.1, 1, 100, StepSizeUp: 0)));

        Assert.Equal(("step_size_up", (object)0, "must be at least 1"), (error.Field, error.Value, error.Problem));
        Assert.Equal("--step-size-up: 0 must be at least 1", error.DescribeAs("--step-size-up"));
    }

    [Fact]
    public void Baselines_refuse_what_cannot_work()
    {
        Assert.Equal("milestones", Assert.Throws<ScheduleSettingException>(() => new MultiStepSchedule(0.1, [50, 20], 0.1, 0.9, 100)).Field);
        Assert.Equal("gamma", Assert.Throws<ScheduleSettingException>(() => new MultiStepSchedule(0.1, [50], -0.1, 0.9, 100)).Field);
        Assert.Equal("eta_min", Assert.Throws<ScheduleSettingException>(() => new CosineAnnealingSchedule(0.1, 0.9, 100, etaMin: -1)).Field);
        Assert.Equal("lr", Assert.Throws<ScheduleSettingException>(() => new ConstantSchedule(double.PositiveInfinity, 0.9, 100)).Field);
    }
}

public sealed class ScheduleLimitsTests
{
    [Fact]
    public void Cyclic_step_sizes_whose_sum_exceeds_an_int_stay_exact()
    {
        // up + down = 3e9 overflowed int arithmetic: the LR fell from 0.0517 instead of rising from base_lr.
        var schedule = new CyclicSchedule(new CyclicOptions(0.01, 0.1, 3, StepSizeUp: 1_500_000_000));

        Assert.Equal(0.01, schedule.At(0).LearningRate, 15);
        Assert.Equal(0.01 + 0.09 * 1 / 1.5e9, schedule.At(1).LearningRate, 15);
        Assert.Equal(0.01 + 0.09 * 2 / 1.5e9, schedule.At(2).LearningRate, 15);
        Assert.True(schedule.At(1).LearningRate > schedule.At(0).LearningRate);
        Assert.True(schedule.At(2).LearningRate > schedule.At(1).LearningRate);
        Assert.Equal(0.9 - 0.1 * 2 / 1.5e9, schedule.At(2).Momentum, 15);
    }

    [Fact]
    public void Cyclic_int_max_step_sizes_stay_within_the_range()
    {
        var schedule = new CyclicSchedule(new CyclicOptions(0.01, 0.1, 4, StepSizeUp: int.MaxValue, StepSizeDown: int.MaxValue));

        Assert.All(Enumerable.Range(0, 4), step =>
        {
            var value = schedule.At(step);
            Assert.InRange(value.LearningRate, 0.01, 0.1);
            Assert.InRange(value.Momentum, 0.8, 0.9);
        });
    }

    [Theory]
    [InlineData(1e308)]
    [InlineData(1.0001)]
    public void Exp_range_refuses_a_gamma_that_grows_the_amplitude(double gamma)
    {
        // gamma^step overflowed: momentum −5e303 at step 1 with gamma 1e308, LR far above max_lr.
        var error = Assert.Throws<ScheduleSettingException>(() => new CyclicSchedule(new CyclicOptions(0.01, 0.1, 3, Mode: CyclicMode.ExpRange, Gamma: gamma)));

        Assert.Equal("gamma", error.Field);
        Assert.Equal(gamma, error.Value);
        Assert.Contains("must be <= 1", error.Message);
    }

    [Fact]
    public void Exp_range_with_gamma_one_is_triangular()
    {
        var expRange = new CyclicSchedule(new CyclicOptions(0.01, 0.1, 50, StepSizeUp: 7, Mode: CyclicMode.ExpRange, Gamma: 1));
        var triangular = new CyclicSchedule(new CyclicOptions(0.01, 0.1, 50, StepSizeUp: 7));

        Assert.All(Enumerable.Range(0, 50), step => Assert.Equal(triangular.At(step), expRange.At(step)));
    }

    [Fact]
    public void The_conventional_multistep_milestones_do_not_overflow_on_long_runs()
    {
        var schedule = MultiStepSchedule.Conventional(0.1, 0.9, 2_000_000_000);

        Assert.Equal([1_000_000_000, 1_500_000_000], schedule.Milestones);
    }
}
