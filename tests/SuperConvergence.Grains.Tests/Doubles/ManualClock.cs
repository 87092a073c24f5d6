namespace SuperConvergence.Grains.Tests.Doubles;

/// <summary>A wall clock that moves only when the test moves it; timers and timestamps stay on real time.</summary>
public sealed class ManualClock : TimeProvider
{
    // Ticks, not a DateTimeOffset: grains read it on other threads while the test advances it.
    private long _utcTicks = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
