namespace SuperConvergence.Cli.Cluster;

/// <summary>
/// The cluster's connection string as the environment gives it: <c>SC_POSTGRES</c>, or <c>SC_POSTGRES_FILE</c> naming a
/// file that holds it — Docker's <c>*_FILE</c> convention and a mounted Kubernetes Secret, which keep the password out
/// of argv (<c>ps</c>) and out of the process environment (<c>/proc/PID/environ</c>, crash dumps) alike.
/// </summary>
/// <param name="ConnectionString">The connection string, trimmed (a secret file usually ends in a newline).</param>
/// <param name="Field">What error lines name as its source: the variable, and for a file its path.</param>
/// <param name="Warning">A line for stderr when the file holds a password its group or other users can read; else null.</param>
public sealed record PostgresSecret(string ConnectionString, string Field, string? Warning)
{
    public const string FileVariable = "SC_POSTGRES_FILE";

    /// <summary>No connection string is this long; the limit keeps a mistaken path (a log, /dev/zero) from being read whole.</summary>
    public const int MaxFileBytes = 64 * 1024;

    /// <summary>The connection string from <c>SC_POSTGRES</c> or <c>SC_POSTGRES_FILE</c>; null when neither is set.</summary>
    /// <exception cref="CliException">Both are set, or the file cannot be read, is empty, too long or more than one line (bad input naming the variable and the path).</exception>
    public static PostgresSecret? FromEnvironment(Func<string, string?> environment)
    {
        var value = NullIfBlank(environment(ClusterTarget.PostgresVariable));
        var path = NullIfBlank(environment(FileVariable));
        if (path is null)
        {
            return value is null ? null : new PostgresSecret(value, ClusterTarget.PostgresVariable, null);
        }

        if (value is not null)
        {
            throw CliException.BadInput(FileVariable, path, $"cannot be combined with {ClusterTarget.PostgresVariable}: choose one", $"unset {ClusterTarget.PostgresVariable} to read the file");
        }

        var connectionString = ReadFile(path);
        return new PostgresSecret(connectionString, $"{FileVariable} ({path})", ConnectionStringFile.WarningIfOthersCanRead(path, connectionString, FileVariable));
    }

    private static string ReadFile(string path)
    {
        byte[] content;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            content = new byte[MaxFileBytes + 1];
            var length = 0;
            int read;
            while (length < content.Length && (read = file.Read(content, length, content.Length - length)) > 0)
            {
                length += read;
            }

            Array.Resize(ref content, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw CliException.BadInput(FileVariable, path, $"cannot be read: {e.Message.ReplaceLineEndings(" ")}", "point it at a file holding the connection string, e.g. a mounted Kubernetes Secret");
        }

        if (content.Length > MaxFileBytes)
        {
            throw CliException.BadInput(FileVariable, path, $"is longer than {MaxFileBytes} bytes: not a connection string");
        }

        var text = Encoding.UTF8.GetString(content).Trim();
        if (text.Length == 0)
        {
            throw CliException.BadInput(FileVariable, path, "is empty: it must hold the PostgreSQL connection string");
        }

        if (text.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw CliException.BadInput(FileVariable, path, "holds more than one line: it must hold the connection string alone");
        }

        return text;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
