using SuperConvergence.Core.Schedules;

namespace SuperConvergence.Core.Tests.Schedules;

public sealed class ScheduleValueTests
{
    [Fact]
    public void Values_with_the_same_settings_are_equal()
    {
        Assert.Equal(new ScheduleValue(0.1, 0.9), new ScheduleValue(0.1, 0.9));
        Assert.NotEqual(new ScheduleValue(0.1, 0.9), new ScheduleValue(0.1, 0.85));
    }
}
