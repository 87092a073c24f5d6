using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SuperConvergence.Silo.Persistence;

/// <summary>Connection-string helpers shared by the migrator, the stores and option validation.</summary>
public static partial class ConnectionStrings
{
    /// <summary>A SQLite connection string for a database file; the file is created on first open.</summary>
    public static string ForSqliteFile(string path) =>
        new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Pooling = true }.ToString();

    /// <summary>The connection string as written, with any password masked, for messages and logs.</summary>
    public static string Redact(string connectionString) => PasswordSetting().Replace(connectionString, "${key}=***");

    /// <summary>Why a PostgreSQL connection string cannot be used ("names no Host", ...), or null when it can.</summary>
    public static string? PostgresProblem(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host) ? "names no Host" : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            return $"is not a PostgreSQL connection string ({e.Message})";
        }
    }

    /// <summary>Why a SQLite connection string cannot hold grain state, or null when it can.</summary>
    public static string? SqliteProblem(string connectionString)
    {
        try
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.DataSource))
            {
                return "names no Data Source file";
            }

            // Every connection to an in-memory database gets a fresh, empty one: the silo would lose its state.
            return builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:"
                ? "is an in-memory database; grain state needs a file"
                : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            return $"is not a SQLite connection string ({e.Message})";
        }
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

    [GeneratedRegex(@"(?<key>\b(?:password|pwd))\s*=\s*(?:""[^""]*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordSetting();
}
