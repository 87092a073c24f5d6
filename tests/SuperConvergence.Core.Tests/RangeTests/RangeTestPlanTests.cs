using CsCheck;
using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Schedules;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Core.Tests.RangeTests;

public sealed class RangeTestPlanTests
{
    private static readonly Gen<RangeTestPlan> Plans =
        from start in Gen.Double[1e-8, 1]
        from ratio in Gen.Double[1.001, 1e8]
        from iterations in Gen.Int[2, 2000]
        from exponential in Gen.Bool
        select new RangeTestPlan(start, start * ratio, iterations, exponential ? RangeTestRamp.Exponential : RangeTestRamp.Linear);

    [Fact]
    public void A_linear_ramp_adds_the_same_amount_every_iteration()
    {
        var plan = new RangeTestPlan(0.1, 1.0, 10, RangeTestRamp.Linear);

        Assert.Equal(0.1, plan.LearningRateAt(0), 15);
        Assert.Equal(0.1 + 0.9 * 3 / 9, plan.LearningRateAt(3), 15);
        Assert.Equal(1.0, plan.LearningRateAt(9), 15);
    }

    [Fact]
    public void An_exponential_ramp_gives_every_decade_the_same_number_of_iterations()
    {
        var plan = new RangeTestPlan(1e-4, 1, 5, RangeTestRamp.Exponential);

        Assert.Equal([1e-4, 1e-3, 1e-2, 1e-1, 1], Enumerable.Range(0, 5).Select(i => Math.Round(plan.LearningRateAt(i), 15)));
    }

    [Fact]
    public void Every_ramp_starts_at_start_lr_ends_at_end_lr_and_rises_evenly() => Plans.Sample(plan =>
    {
        Assert.Equal(plan.StartLr, plan.LearningRateAt(0));
        Assert.Equal(1, plan.LearningRateAt(plan.Iterations - 1) / plan.EndLr, 12);
        for (var i = 1; i < plan.Iterations; i++)
        {
            var (before, after) = (plan.LearningRateAt(i - 1), plan.LearningRateAt(i));
            Assert.True(after > before, $"iteration {i}: {after} after {before}");

            // Linear: equal differences; exponential: equal ratios.
            var step = plan.Ramp == RangeTestRamp.Linear ? after - before : after / before;
            var expected = plan.Ramp == RangeTestRamp.Linear
                ? (plan.EndLr - plan.StartLr) / (plan.Iterations - 1)
                : Math.Pow(plan.EndLr / plan.StartLr, 1.0 / (plan.Iterations - 1));
            Assert.Equal(1, step / expected, 6);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => plan.LearningRateAt(plan.Iterations));
    });

    [Theory]
    [InlineData(0.0, 1.0, 10, "start_lr")]
    [InlineData(double.NaN, 1.0, 10, "start_lr")]
    [InlineData(1e-3, 1e-3, 10, "end_lr")]
    [InlineData(1e-3, double.PositiveInfinity, 10, "end_lr")]
    [InlineData(1e-3, 1.0, 1, "iterations")]
    public void Impossible_ramps_are_refused_naming_the_field(double start, double end, int iterations, string field)
    {
        var error = Assert.Throws<ScheduleSettingException>(() => new RangeTestPlan(start, end, iterations, RangeTestRamp.Exponential));

        Assert.Equal(field, error.Field);
        Assert.StartsWith($"{field}: ", error.Message);
    }
}
