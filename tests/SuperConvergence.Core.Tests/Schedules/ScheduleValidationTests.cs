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
    [InlineData("onecycle", SchedulePolicy.OneCycle)]
    [InlineData("multistep", SchedulePolicy.MultiStep)]
    [InlineData("Cosine", SchedulePolicy.Cosine)]
    public void Policies_parse_by_their_cli_names(string name, SchedulePolicy expected)
    {
        Assert.True(SchedulePolicies.TryParse(name, out var policy));
        Assert.Equal(expected, policy);
        Assert.Equal(100, SchedulePolicies.Create(policy, 0.5, 100, 0.85, 0.95).TotalSteps);
    }
}
