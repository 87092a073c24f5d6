using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SuperConvergence.Silo.Persistence;

/// <summary>Connection-string helpers shared by the migrator, the stores and option validation.</summary>
public static class ConnectionStrings
{
    /// <summary>A SQLite connection string for a database file; the file is created on first open.</summary>
    public static string ForSqliteFile(string path) =>
        new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Pooling = true }.ToString();

    /// <summary>The connection string with any password masked, for messages and logs.</summary>
    public static string Redact(string connectionString)
    {
        DbConnectionStringBuilder builder;
        try
        {
            builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            return "(unparseable connection string)";
        }

        foreach (var key in builder.Keys.Cast<string>().ToList())
        {
            if (key.Equals("password", StringComparison.OrdinalIgnoreCase) || key.Equals("pwd", StringComparison.OrdinalIgnoreCase))
            {
                builder[key] = "***";
            }
        }

        return builder.ConnectionString;
    }

    /// <summary>Makes sure the directory of a SQLite database file exists, so that opening can create the file.</summary>
    internal static void EnsureSqliteDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
