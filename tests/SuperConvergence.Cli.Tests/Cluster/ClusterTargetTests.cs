using SuperConvergence.Cli.Cluster;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>Which cluster a client command talks to, and how long it waits: flag, else environment, else config file.</summary>
public sealed class ClusterTargetTests
{
    private const string NoConfigFile = "/nonexistent/superconvergence/config.json";

    [Fact]
    public void SC_POSTGRES_names_the_cluster_when_no_flag_does_and_wins_over_the_config_file()
    {
        using var directory = new TemporaryDirectory();
        var path = ConfigFile(directory, """{"gateway": "127.0.0.1:30123"}""");

        var target = ClusterTarget.Resolve(null, null, path, Environment(("SC_POSTGRES", "Host=env-db;Username=sc")));

        Assert.Equal("Host=env-db;Username=sc", target.Postgres);
        Assert.Null(target.Gateway);
    }

    [Fact]
    public void SC_GATEWAY_names_the_cluster_when_no_flag_does_and_wins_over_the_config_file()
    {
        using var directory = new TemporaryDirectory();
        var path = ConfigFile(directory, """{"postgres": "Host=file-db"}""");

        var target = ClusterTarget.Resolve(null, null, path, Environment(("SC_GATEWAY", "127.0.0.1:30456")));

        Assert.Null(target.Postgres);
        Assert.Equal(30456, target.Gateway!.Port);
    }

    [Fact]
    public void A_flag_wins_over_the_environment()
    {
        var environment = Environment(("SC_POSTGRES", "Host=env-db"), ("SC_GATEWAY", "127.0.0.1:30456"));

        Assert.Equal(30789, ClusterTarget.Resolve(null, "127.0.0.1:30789", NoConfigFile, environment).Gateway!.Port);
        Assert.Equal("Host=flag-db", ClusterTarget.Resolve("Host=flag-db", null, NoConfigFile, environment).Postgres);
    }

    [Fact]
    public void A_blank_variable_counts_as_unset_and_the_config_file_decides()
    {
        using var directory = new TemporaryDirectory();
        var path = ConfigFile(directory, """{"gateway": "127.0.0.1:30123"}""");

        var target = ClusterTarget.Resolve(null, null, path, Environment(("SC_POSTGRES", "  "), ("SC_GATEWAY", "")));

        Assert.Equal(30123, target.Gateway!.Port);
    }

    [Fact]
    public void The_config_file_defaults_to_the_XDG_config_directory()
    {
        var path = ClusterTarget.DefaultConfigFile(Environment(("XDG_CONFIG_HOME", "/home/someone/.conf")));

        Assert.Equal("/home/someone/.conf/superconvergence/config.json", path);
    }

    [Fact]
    public void Both_variables_together_are_bad_input_naming_them()
    {
        var refused = Assert.Throws<CliException>(() => ClusterTarget.Resolve(
            null, null, NoConfigFile, Environment(("SC_POSTGRES", "Host=env-db"), ("SC_GATEWAY", "127.0.0.1:30456"))));

        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Equal("SC_GATEWAY: '127.0.0.1:30456' cannot be combined with SC_POSTGRES: choose one", refused.Message);
        Assert.NotNull(refused.Hint);
    }

    [Fact]
    public void No_flag_variable_or_config_file_is_bad_input_with_a_hint_naming_every_way()
    {
        var refused = Assert.Throws<CliException>(() => ClusterTarget.Resolve(null, null, NoConfigFile, Environment()));

        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Equal("no cluster to connect to", refused.Message);
        foreach (var way in new[] { "--postgres", "--gateway", "SC_POSTGRES", "SC_POSTGRES_FILE", "SC_GATEWAY", NoConfigFile })
        {
            Assert.Contains(way, refused.Hint);
        }
    }

    [Fact]
    public void The_response_timeout_comes_from_the_flag_else_SC_TIMEOUT_else_the_default()
    {
        var environment = Environment(("SC_TIMEOUT", "4"));

        Assert.Equal(TimeSpan.FromSeconds(2), ClusterConnectionOptions.ResponseTimeout(2, environment));
        Assert.Equal(TimeSpan.FromSeconds(4), ClusterConnectionOptions.ResponseTimeout(null, environment));
        Assert.Equal(ClusterConnection.DefaultResponseTimeout, ClusterConnectionOptions.ResponseTimeout(null, Environment()));
    }

    [Theory]
    [InlineData("0", "SC_TIMEOUT: 0 must be between 0.5 and 3600 seconds")]
    [InlineData("soon", "SC_TIMEOUT: 'soon' must be a number of seconds")]
    public void A_bad_SC_TIMEOUT_is_bad_input_naming_the_variable_and_value(string value, string message)
    {
        var refused = Assert.Throws<CliException>(() => ClusterConnectionOptions.ResponseTimeout(null, Environment(("SC_TIMEOUT", value))));

        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Equal(message, refused.Message);
    }

    [Fact]
    public async Task A_bad_timeout_flag_is_bad_input_before_any_connection()
    {
        var outcome = await CliRunner.RunAsync("sweep", "list", "--gateway", "127.0.0.1:1", "--timeout", "0.1");

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.StartsWith("error: --timeout: 0.1 must be between 0.5 and 3600 seconds", outcome.Error);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "0640")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_config_file_with_a_password_that_others_can_read_comes_with_a_warning(UnixFileMode mode, string octal)
    {
        using var directory = new TemporaryDirectory();
        var path = ConfigFile(directory, """{"postgres": "Host=db;Username=sc;Password=hunter2"}""");
        File.SetUnixFileMode(path, mode);

        var target = ClusterTarget.Resolve(null, null, path, Environment());

        Assert.Equal($"warning: {path} holds a database password and other users can read it (mode {octal}); make it yours alone: chmod 600 {path}", target.Warning);
        Assert.DoesNotContain("hunter2", target.Warning);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_config_file_that_is_the_user_s_alone_or_holds_no_password_comes_with_no_warning()
    {
        using var directory = new TemporaryDirectory();
        var secret = ConfigFile(directory, """{"postgres": "Host=db;Username=sc;Password=hunter2"}""");
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var open = Path.Combine(directory.Path, "open.json");
        File.WriteAllText(open, """{"postgres": "Host=db;Username=sc"}""");
        File.SetUnixFileMode(open, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Assert.Null(ClusterTarget.Resolve(null, null, secret, Environment()).Warning);
        Assert.Null(ClusterTarget.Resolve(null, null, open, Environment()).Warning);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_client_command_prints_the_config_file_warning_on_stderr_before_it_connects()
    {
        using var directory = new TemporaryDirectory();
        var config = Path.Combine(directory.Path, "superconvergence", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        File.WriteAllText(config, """{"postgres": "Host=127.0.0.1;Port=1;Username=sc;Password=hunter2;Timeout=1"}""");
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var environment = new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = directory.Path, ["SC_POSTGRES"] = "", ["SC_GATEWAY"] = "", ["NO_COLOR"] = "1" };

        var run = await ScProcess.RunAsync(environment, TestContext.Current.CancellationToken, "sweep", "status", "some-sweep");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"warning: {config} holds a database password and other users can read it (mode 0604)", run.AllOutput);
        Assert.DoesNotContain("hunter2", run.AllOutput);
    }

    private static string ConfigFile(TemporaryDirectory directory, string json)
    {
        var path = Path.Combine(directory.Path, "config.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
