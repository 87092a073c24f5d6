namespace SuperConvergence.Cli.Cluster;

/// <summary>
/// Files that hold a connection string (the client's config file, <c>SC_POSTGRES_FILE</c>): a password in one that its
/// group or other users may read deserves a warning, the way ssh refuses a private key others can read.
/// </summary>
internal static class ConnectionStringFile
{
    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <param name="source">How the warning names the file: its path, or the variable that named it.</param>
    /// <returns>The warning line when <paramref name="postgres"/> carries a password others can read; else null.</returns>
    public static string? WarningIfOthersCanRead(string path, string? postgres, string? source = null)
    {
        if (OperatingSystem.IsWindows() || postgres is null || Silo.Persistence.ConnectionStrings.Redact(postgres) == postgres)
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        var named = source is null ? path : $"{path} ({source})";
        return (mode & Others) == 0
            ? null
            : $"warning: {named} holds a database password and other users can read it (mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}); make it yours alone: chmod 600 {path}";
    }
}
