using System.Net;
using System.Net.Sockets;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Network;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>`sc silo` on a port another process holds names the flag and the port, as bad input.</summary>
public sealed class SiloPortTests
{
    [Theory]
    [InlineData("--silo-port")]
    [InlineData("--gateway-port")]
    [InlineData("--http-port")]
    public async Task A_taken_port_is_bad_input_naming_its_flag_and_port(string flag)
    {
        // It was "error: Address already in use" and "hint: lost the connection to the cluster", exit 1.
        using var data = new TemporaryDirectory("sc-ports");
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var taken = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var free = FreePorts.Take(3);
        var ports = new Dictionary<string, int> { ["--silo-port"] = free[0], ["--gateway-port"] = free[1], ["--http-port"] = free[2] };
        ports[flag] = taken;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));

        var (exitCode, _, output) = await ScProcess.RunAsync(
            new Dictionary<string, string> { ["SC_POSTGRES"] = "" },
            timeout.Token,
            ["silo", "--name", "port-test", "--data-dir", data.Path, .. ports.SelectMany(p => new[] { p.Key, p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) })]);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains($"error: {flag}: {taken} is already in use", output, StringComparison.Ordinal);
        Assert.DoesNotContain("lost the connection", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_without_an_http_port_is_bad_input_naming_the_flag()
    {
        using var data = new TemporaryDirectory("sc-ports");

        var outcome = await CliRunner.RunAsync("silo", "--dashboard", "--http-port", "0", "--data-dir", data.Path);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.StartsWith("error: --dashboard: 'True' needs an HTTP port (--http-port is 0)", outcome.Error, StringComparison.Ordinal);
        Assert.Equal("", outcome.Out);
    }
}
