using SuperConvergence.Cli.Cluster;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Network;

namespace SuperConvergence.Cli.Tests.Sweeps;

public sealed class ClusterConnectionTests
{
    [Theory]
    [InlineData(null, 8)]
    [InlineData(2.0, 8)]
    [InlineData(60.0, 60)]
    public void Connecting_waits_the_default_or_a_longer_timeout_the_command_was_given(double? responseSeconds, double expectedSeconds) =>
        Assert.Equal(
            TimeSpan.FromSeconds(expectedSeconds),
            ClusterConnection.ConnectTimeoutFor(responseSeconds is { } s ? TimeSpan.FromSeconds(s) : null));

    [Fact]
    public async Task An_unreachable_gateway_is_reported_in_one_line_with_exit_1()
    {
        var port = FreePorts.Take(1)[0];

        var outcome = await CliRunner.RunAsync("sweep", "status", "some-sweep", "--gateway", $"127.0.0.1:{port}");

        Assert.Equal(ExitCodes.Failure, outcome.ExitCode);
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"error: cannot reach the cluster (gateway 127.0.0.1:{port})", lines[0]);
        Assert.StartsWith("hint: ", lines[1]);
        Assert.DoesNotContain("   at ", outcome.Error);
    }

    [Fact]
    public async Task An_unreachable_postgres_is_reported_in_one_line_with_exit_1_without_a_server()
    {
        // Nothing listens on a port just found free: the connection is refused at once, no server needed.
        var port = FreePorts.Take(1)[0];
        var connection = $"Host=127.0.0.1;Port={port};Username=sc;Password=secret;Database=sc";

        var outcome = await CliRunner.RunAsync("sweep", "list", "--postgres", connection);

        Assert.True(outcome.ExitCode == ExitCodes.Failure, $"exit {outcome.ExitCode}: {outcome.Error}");
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("error: cannot reach the cluster (PostgreSQL membership at ", lines[0]);
        Assert.Contains($"Port={port}", lines[0]);
        Assert.DoesNotContain("secret", outcome.Error);
        Assert.StartsWith("hint: ", lines[1]);
        Assert.Contains("--postgres", lines[1]);
    }

    [Fact]
    public async Task A_malformed_gateway_is_bad_input_naming_the_option_and_value()
    {
        var outcome = await CliRunner.RunAsync("sweep", "best", "x", "--gateway", "localhost-no-port");

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Contains("--gateway: 'localhost-no-port' must be HOST:PORT", outcome.Error);
    }

    [Fact]
    public async Task Postgres_and_gateway_together_are_rejected()
    {
        var outcome = await CliRunner.RunAsync("sweep", "list", "--gateway", "127.0.0.1:30000", "--postgres", "Host=x");

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Contains("--gateway", outcome.Error);
    }

    [Fact]
    public void The_config_file_names_the_cluster_when_no_flag_or_variable_does()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "config.json");
        File.WriteAllText(path, """{"gateway": "127.0.0.1:30123"}""");

        var target = ClusterTarget.Resolve(null, null, path);

        Assert.Null(target.Postgres);
        Assert.Equal(30123, target.Gateway!.Port);
    }

    [Fact]
    public void A_flag_wins_over_the_config_file()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "config.json");
        File.WriteAllText(path, """{"gateway": "127.0.0.1:30123"}""");

        var target = ClusterTarget.Resolve("Host=db;Username=sc", null, path);

        Assert.Equal("Host=db;Username=sc", target.Postgres);
    }
}
