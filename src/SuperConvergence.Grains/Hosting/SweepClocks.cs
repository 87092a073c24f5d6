namespace SuperConvergence.Grains.Hosting;

/// <summary>
/// The keyed <see cref="TimeProvider"/> a sweep measures its wall-time budget on. By default the silo's own clock;
/// a separate key lets a test move a sweep's clock without moving the clock Orleans' membership and leases run on.
/// </summary>
public static class SweepClocks
{
    public const string WallTime = "SuperConvergence.SweepWallTime";
}
