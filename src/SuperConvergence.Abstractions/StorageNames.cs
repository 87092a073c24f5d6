namespace SuperConvergence.Abstractions;

/// <summary>Names of the grain storage providers the grains persist to.</summary>
public static class StorageNames
{
    /// <summary>The one grain storage of a SuperConvergence cluster (SQLite embedded, PostgreSQL in a cluster).</summary>
    public const string Default = "sc";
}
