using SuperConvergence.Core.Schedules;

namespace SuperConvergence.Core.Tests.Schedules;

/// <summary>The policy factory builds each policy with the choices SchedulePolicies documents.</summary>
public sealed class SchedulePoliciesTests
{
    private const int Precision = 12;
    private const double MaxLr = 0.5;
    private const int Steps = 100;

    private static ITrainingSchedule Create(SchedulePolicy policy) => SchedulePolicies.Create(policy, MaxLr, Steps, 0.85, 0.95);

    [Fact]
    public void Onecycle_has_pytorchs_defaults()
    {
        var schedule = Create(SchedulePolicy.OneCycle);

        Assert.Equal(MaxLr / 25, schedule.At(0).LearningRate, Precision);
        Assert.Equal(0.95, schedule.At(0).Momentum, Precision);
        Assert.Equal(MaxLr, schedule.At(29).LearningRate, Precision); // peak at 0.3·100 − 1
        Assert.Equal(0.85, schedule.At(29).Momentum, Precision);
        Assert.Equal(MaxLr / 25 / 1e4, schedule.At(99).LearningRate, Precision);
    }

    [Fact]
    public void Cyclic_is_triangular_from_max_over_25_with_two_cycles_per_run()
    {
        var schedule = Create(SchedulePolicy.Cyclic);

        foreach (var (step, lr, momentum) in new[] { (0, MaxLr / 25, 0.95), (25, MaxLr, 0.85), (50, MaxLr / 25, 0.95), (75, MaxLr, 0.85) })
        {
            Assert.Equal(lr, schedule.At(step).LearningRate, Precision);
            Assert.Equal(momentum, schedule.At(step).Momentum, Precision);
        }
    }

    [Fact]
    public void Baselines_hold_momentum_at_the_top_of_the_range()
    {
        var constant = Create(SchedulePolicy.Constant);
        var multistep = Create(SchedulePolicy.MultiStep);
        var cosine = Create(SchedulePolicy.Cosine);

        Assert.All(Enumerable.Range(0, Steps), step => Assert.Equal(new ScheduleValue(MaxLr, 0.95), constant.At(step)));
        Assert.Equal(MaxLr, multistep.At(49).LearningRate, Precision);
        Assert.Equal(MaxLr * 0.1, multistep.At(50).LearningRate, Precision);
        Assert.Equal(MaxLr * 0.01, multistep.At(75).LearningRate, Precision);
        Assert.Equal(MaxLr, cosine.At(0).LearningRate, Precision);
        Assert.Equal(MaxLr / 2, cosine.At(50).LearningRate, Precision);
        Assert.All(new[] { multistep, cosine }, schedule => Assert.Equal(0.95, schedule.At(99).Momentum));
    }

    [Fact]
    public void Every_policy_parses_by_its_cli_name()
    {
        foreach (var policy in Enum.GetValues<SchedulePolicy>())
        {
            Assert.True(SchedulePolicies.TryParse(SchedulePolicies.Name(policy), out var parsed));
            Assert.Equal(policy, parsed);
            Assert.Equal(Steps, Create(policy).TotalSteps);
        }

        Assert.True(SchedulePolicies.TryParse("Cosine", out var cosine));
        Assert.Equal(SchedulePolicy.Cosine, cosine);
        Assert.False(SchedulePolicies.TryParse("warmup", out _));
        Assert.False(SchedulePolicies.TryParse("1", out _));
    }
}
