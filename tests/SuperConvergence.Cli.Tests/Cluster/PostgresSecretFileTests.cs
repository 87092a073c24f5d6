using SuperConvergence.Cli.Cluster;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// SC_POSTGRES_FILE: the connection string read from a file (a mounted Kubernetes Secret, Docker's *_FILE
/// convention), so it is neither in argv nor in the environment. Bad files are one line naming the variable and the path.
/// </summary>
public sealed class PostgresSecretFileTests
{
    private const string NoConfigFile = "/nonexistent/superconvergence/config.json";
    private const string ConnectionString = "Host=file-db;Username=sc;Password=hunter2;Database=sc";

    [Fact]
    public void The_file_names_the_cluster_trimmed_of_its_trailing_newline()
    {
        using var directory = new TemporaryDirectory();
        var path = SecretFile(directory, ConnectionString + "\n");

        var target = ClusterTarget.Resolve(null, null, NoConfigFile, Environment(("SC_POSTGRES_FILE", path)));

        Assert.Equal(ConnectionString, target.Postgres);
        Assert.Null(target.Gateway);
    }

    [Fact]
    public void A_flag_wins_over_the_file_and_a_missing_file_is_then_never_read()
    {
        var target = ClusterTarget.Resolve("Host=flag-db", null, NoConfigFile, Environment(("SC_POSTGRES_FILE", "/nonexistent/secret")));

        Assert.Equal("Host=flag-db", target.Postgres);
    }

    [Fact]
    public void A_missing_file_is_one_line_naming_the_variable_and_the_path()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "absent");

        var refused = Assert.Throws<CliException>(() => ClusterTarget.Resolve(null, null, NoConfigFile, Environment(("SC_POSTGRES_FILE", path))));

        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.StartsWith($"SC_POSTGRES_FILE: '{path}' cannot be read: ", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("  \r\n\t")]
    public void An_empty_file_is_one_line_naming_the_variable_and_the_path(string content)
    {
        using var directory = new TemporaryDirectory();
        var path = SecretFile(directory, content);

        var refused = Assert.Throws<CliException>(() => ClusterTarget.Resolve(null, null, NoConfigFile, Environment(("SC_POSTGRES_FILE", path))));

        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Equal($"SC_POSTGRES_FILE: '{path}' is empty: it must hold the PostgreSQL connection string", refused.Message);
    }

    [Fact]
    public void A_directory_is_refused_naming_the_variable_and_the_path()
    {
        using var directory = new TemporaryDirectory();

        var refused = Assert.Throws<CliException>(() => ClusterTarget.Resolve(null, null, NoConfigFile, Environment(("SC_POSTGRES_FILE", directory.Path))));

        Assert.StartsWith($"SC_POSTGRES_FILE: '{directory.Path}' cannot be read: ", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_several_lines_or_of_megabytes_is_refused_without_showing_it()
    {
        using var directory = new TemporaryDirectory();
        var twoLines = SecretFile(directory, ConnectionString + "\nHost=other\n");
        var huge = Path.Combine(directory.Path, "huge");
        File.WriteAllBytes(huge, new byte[PostgresSecret.MaxFileBytes + 1]);

        var lines = Assert.Throws<CliException>(() => ClusterTarget.Resolve(null, null, NoConfigFile, Environment(("SC_POSTGRES_FILE", twoLines))));
        var size = Assert.Throws<CliException>(() => ClusterTarget.Resolve(null, null, NoConfigFile, Environment(("SC_POSTGRES_FILE", huge))));

        Assert.Equal($"SC_POSTGRES_FILE: '{twoLines}' holds more than one line: it must hold the connection string alone", lines.Message);
        Assert.Equal($"SC_POSTGRES_FILE: '{huge}' is longer than 65536 bytes: not a connection string", size.Message);
        Assert.DoesNotContain("hunter2", lines.Message);
    }

    [Fact]
    public void The_file_and_SC_POSTGRES_together_are_refused_as_ambiguous()
    {
        using var directory = new TemporaryDirectory();
        var path = SecretFile(directory, ConnectionString);

        var refused = Assert.Throws<CliException>(() => ClusterTarget.Resolve(null, null, NoConfigFile, Environment(("SC_POSTGRES", "Host=env-db"), ("SC_POSTGRES_FILE", path))));

        Assert.Equal($"SC_POSTGRES_FILE: '{path}' cannot be combined with SC_POSTGRES: choose one", refused.Message);
    }

    [Fact]
    public void A_connection_string_Npgsql_cannot_read_names_the_variable_and_the_file_with_the_password_masked()
    {
        using var directory = new TemporaryDirectory();
        var path = SecretFile(directory, "postgresql://sc:hunter2@db/sc\n");

        var refused = Assert.Throws<CliException>(() => ClusterTarget.Resolve(null, null, NoConfigFile, Environment(("SC_POSTGRES_FILE", path))));

        Assert.StartsWith($"SC_POSTGRES_FILE ({path}): 'postgresql://sc:***@db/sc' ", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", refused.Message);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.GroupRead, "0440")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_file_with_a_password_that_others_can_read_comes_with_a_warning(UnixFileMode mode, string octal)
    {
        using var directory = new TemporaryDirectory();
        var path = SecretFile(directory, ConnectionString);
        File.SetUnixFileMode(path, mode);

        var target = ClusterTarget.Resolve(null, null, NoConfigFile, Environment(("SC_POSTGRES_FILE", path)));

        Assert.Equal($"warning: {path} (SC_POSTGRES_FILE) holds a database password and other users can read it (mode {octal}); make it yours alone: chmod 600 {path}", target.Warning);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_file_that_is_the_owner_s_alone_comes_with_no_warning()
    {
        using var directory = new TemporaryDirectory();
        var path = SecretFile(directory, ConnectionString);
        File.SetUnixFileMode(path, UnixFileMode.UserRead);

        Assert.Null(ClusterTarget.Resolve(null, null, NoConfigFile, Environment(("SC_POSTGRES_FILE", path))).Warning);
    }

    [Fact]
    public async Task Sc_db_migrate_reads_the_file_and_a_missing_one_is_exit_2_with_one_line()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "absent");
        var environment = new Dictionary<string, string> { ["SC_POSTGRES"] = "", ["SC_POSTGRES_FILE"] = path, ["NO_COLOR"] = "1" };

        var run = await ScProcess.RunAsync(environment, TestContext.Current.CancellationToken, "db", "migrate");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        var error = Assert.Single(run.AllOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.StartsWith("error:", StringComparison.Ordinal));
        Assert.StartsWith($"error: SC_POSTGRES_FILE: '{path}' cannot be read: ", error, StringComparison.Ordinal);
    }

    private static string SecretFile(TemporaryDirectory directory, string content)
    {
        var path = Path.Combine(directory.Path, "sc-postgres");
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
