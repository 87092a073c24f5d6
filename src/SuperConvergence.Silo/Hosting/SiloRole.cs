namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// What a silo does: a coordinator hosts sweeps and the queue, a worker hosts training slots (one per GPU, or a few
/// per CPU host), `all` does both (embedded mode and small clusters).
/// </summary>
public enum SiloRole
{
    All,
    Coordinator,
    Worker,
}

public static class SiloRoleExtensions
{
    public static bool Coordinates(this SiloRole role) => role is SiloRole.All or SiloRole.Coordinator;

    public static bool Trains(this SiloRole role) => role is SiloRole.All or SiloRole.Worker;

    public static string ToWire(this SiloRole role) => role.ToString().ToLowerInvariant();
}
