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
