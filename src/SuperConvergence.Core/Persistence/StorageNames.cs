namespace SuperConvergence.Core.Persistence;

/// <summary>Names of the Orleans grain-storage providers the silo registers, for [PersistentState(name, provider)].</summary>
public static class StorageNames
{
    /// <summary>The ADO.NET grain storage on the cluster's database (SQLite embedded, PostgreSQL in a cluster).</summary>
    public const string Default = "sc";
}
