namespace SuperConvergence.Grains.Hosting;

/// <summary>
/// The names the grains give their persistent state ([PersistentState(name, provider)]). Grain storage keys each row
/// by this name and the grain's key, so whoever reads a store without the grains (sc sweep status --data-dir) looks
/// rows up by the same names: declared once, here, for both.
/// </summary>
public static class GrainStateNames
{
    public const string Sweep = "sweep";
    public const string Trial = "trial";
    public const string Catalog = "catalog";
    public const string Queue = "queue";
}
