using System.Globalization;
using System.Net;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Network;
using SuperConvergence.Testing.Servers;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// Orleans' gateway has no authentication, so a cluster silo must listen only where it is meant to be reached: on
/// loopback unless --address says otherwise, and then on that address alone — never on every interface.
/// </summary>
public sealed class ListenAddressTests
{
    [Theory]
    [InlineData(null, "127.0.0.1")]
    [InlineData("127.0.0.2", "127.0.0.2")]
    public async Task A_cluster_silo_listens_on_its_address_only(string? address, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var postgres = await TestPostgres.CreateDatabaseAsync("sc_listen", ct);
        using var data = new TemporaryDirectory("sc-listen");
        var ports = FreePorts.Take(3);
        string[] arguments =
        [
            "silo", "--role", "coordinator", "--postgres", postgres, "--name", "listen", "--data-dir", data.Path,
            "--silo-port", ports[0].ToString(CultureInfo.InvariantCulture),
            "--gateway-port", ports[1].ToString(CultureInfo.InvariantCulture),
            "--http-port", ports[2].ToString(CultureInfo.InvariantCulture),
            .. address is null ? Array.Empty<string>() : ["--address", address],
        ];
        await using var silo = ScProcess.Start("listen", new Dictionary<string, string> { ["NO_COLOR"] = "1" }, arguments);

        await WaitUntilListeningAsync(silo, ports, ct);

        foreach (var port in ports)
        {
            Assert.Equal([expected], ListeningAddresses(port));
        }
    }

    private static async Task WaitUntilListeningAsync(ScProcess silo, int[] ports, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!ports.All(port => ListeningAddresses(port).Count > 0))
        {
            if (silo.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the silo did not open ports {string.Join(", ", ports)}:\n{silo.Output}");
            }

            await Task.Delay(200, ct);
        }
    }

    /// <summary>The local addresses with a socket listening on <paramref name="port"/>, from the kernel's TCP tables (IPv4 and IPv6).</summary>
    private static List<string> ListeningAddresses(int port)
    {
        var found = new List<string>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // "  sl  local_address rem_address   st …": the address is hex (IPv4 in host byte order), the port hex, 0A is LISTEN.
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = fields[1].Split(':');
                if (fields[3] != "0A" || int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) != port)
                {
                    continue;
                }

                var bytes = Convert.FromHexString(local[0]);
                if (bytes.Length == 4)
                {
                    Array.Reverse(bytes);
                }
                else
                {
                    // IPv6 is four host-order 32-bit words.
                    for (var word = 0; word < 16; word += 4)
                    {
                        Array.Reverse(bytes, word, 4);
                    }
                }

                found.Add(new IPAddress(bytes).ToString());
            }
        }

        return found;
    }
}
