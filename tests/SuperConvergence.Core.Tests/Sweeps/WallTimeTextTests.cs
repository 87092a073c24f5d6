using CsCheck;
using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Tests.Sweeps;

public sealed class WallTimeTextTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("1d", 86400)]
    [InlineData("250ms", 0.25)]
    [InlineData(" 5m ", 300)]
    public void Reads_number_unit_parts(string text, double seconds)
    {
        Assert.True(WallTimeText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("10 m")]
    [InlineData("-5m")]
    [InlineData("5 minutes")]
    [InlineData("1e3s")]
    public void Rejects_anything_without_a_unit(string text)
    {
        Assert.False(WallTimeText.TryParse(text, out _));
    }

    [Fact]
    public void Format_reads_back_as_the_same_duration()
    {
        Gen.Long[1, TimeSpan.FromDays(400).Ticks / TimeSpan.TicksPerMillisecond].Sample(milliseconds =>
        {
            var duration = TimeSpan.FromMilliseconds(milliseconds);
            Assert.True(WallTimeText.TryParse(WallTimeText.Format(duration), out var back));
            Assert.Equal(duration, back);
        });
    }
}
