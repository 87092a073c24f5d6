using System.Text.RegularExpressions;
using Npgsql;

namespace SuperConvergence.Silo.Persistence;

/// <summary>Connection-string helpers shared by the migrator, the stores and option validation.</summary>
public static partial class ConnectionStrings
{
    /// <summary>A SQLite connection string for a database file; the file is created on first open.</summary>
    public static string ForSqliteFile(string path) =>
        new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Pooling = true }.ToString();

    /// <summary>
    /// The connection string as written (or any message quoting one), with every password masked, for messages and
    /// logs: key/value settings (<c>Password=…</c>, <c>Pwd=…</c>, <c>PSW=…</c>, quoted or not), a URI's userinfo
    /// (<c>postgresql://user:…@host</c>) and a URI's query parameters (<c>?password=…</c>).
    /// </summary>
    public static string Redact(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return PasswordSetting().Replace(RedactUris(connectionString), "${key}=***");
    }

    /// <summary>
    /// <see cref="Redact"/> for free text that may quote a connection string (an error message, a log line): an
    /// unquoted key/value password ends at ';', whitespace or a quote there, so the rest of the text survives.
    /// </summary>
    public static string RedactMessage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return PasswordSettingInText().Replace(RedactUris(text), "${key}=***");
    }

    private static string RedactUris(string text) =>
        UriQueryPassword().Replace(UriUserInfoPassword().Replace(text, "${head}***@"), "${key}=***");

    /// <summary>Whether the text is written as a URI (<c>postgresql://…</c>), which Npgsql does not read.</summary>
    public static bool IsUri(string connectionString) => UriScheme().IsMatch(connectionString);

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

    /// <summary>
    /// Makes sure the directory of a SQLite database file exists (0700 when created) and the file too (0600 when
    /// created: SQLite gives its journal and WAL files the database file's mode).
    /// </summary>
    internal static void EnsureSqliteDirectory(string connectionString)
    {
        var dataSource = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        var directory = Path.GetDirectoryName(dataSource);
        if (!string.IsNullOrEmpty(directory))
        {
            OwnerOnlyFiles.CreateFolder(directory);
        }

        OwnerOnlyFiles.EnsureFile(dataSource);
    }

    // Key/value settings; the query parameters of a URI are UriQueryPassword's (they end at '&', not ';').
    [GeneratedRegex(@"(?<![?&])(?<key>\b(?:password|pwd|psw))\s*=\s*(?:""[^""]*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordSetting();

    [GeneratedRegex(@"(?<![?&])(?<key>\b(?:password|pwd|psw))\s*=\s*(?:""[^""]*""|'[^']*'|[^;'""\s]*)", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordSettingInText();

    // scheme://user:password@host — the password runs to the last '@' before the host (an unencoded '@' in it too).
    [GeneratedRegex(@"(?<head>\b[a-z][a-z0-9+.\-]*://[^:/?#@\s'""]*:)[^/?#\s'""]*@", RegexOptions.IgnoreCase)]
    private static partial Regex UriUserInfoPassword();

    [GeneratedRegex(@"(?<=[?&])(?<key>password|pwd|psw)=[^&#\s'""]*", RegexOptions.IgnoreCase)]
    private static partial Regex UriQueryPassword();

    [GeneratedRegex(@"^\s*[a-z][a-z0-9+.\-]*://", RegexOptions.IgnoreCase)]
    private static partial Regex UriScheme();
}
