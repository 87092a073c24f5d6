namespace SuperConvergence.Silo.Persistence;

/// <summary>The ADO.NET invariant names Orleans' clustering and storage providers load a database driver by.</summary>
internal static class AdoNetInvariants
{
    public const string Postgres = "Npgsql";

    /// <summary>
    /// Orleans 10 keeps the historical name "System.Data.SQLite" for SQLite but loads Microsoft.Data.Sqlite's
    /// factory under it; the name "Microsoft.Data.Sqlite" itself is not in its table.
    /// </summary>
    public const string Sqlite = "System.Data.SQLite";

    public static string For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => Postgres,
        DatabaseProvider.Sqlite => Sqlite,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown database provider"),
    };
}
