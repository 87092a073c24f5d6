using System.Diagnostics;
using System.Text.Json;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Servers;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// A worker silo cut off from the cluster by a network partition, then healed. The worker runs in a network namespace
/// of its own, joined to this one by a veth pair; the cut takes the host's end of the link down. Its trial must resume
/// on the other worker from its checkpoint, and nothing it trained while cut off may be recorded, twice or at all.
/// </summary>
public sealed class PartitionTests
{
    private static readonly string Spec = ProcessCluster.SimulatedSpec("partition", trials: 4, cycleEpochs: 8, seed: 29);
    [Fact]
    public async Task A_worker_cut_off_by_a_partition_loses_its_trial_to_another_and_nothing_is_recorded_twice()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root for network namespaces (ip netns)");
        var ct = TestContext.Current.CancellationToken;
        await using var network = await IsolatedLink.CreateAsync(ct);
        await using var server = await PrivatePostgres.StartAsync(ct, network.HostAddress, network.Subnet);
        using var data = new TemporaryDirectory("sc-partition");
        await using var cluster = new ProcessCluster(server.ConnectionString, data, ct);
        await cluster.StartSiloAsync("coordinator", "coord", 1, network.HostAddress, null);
        await cluster.StartSiloAsync("worker", "wa", 1, network.IsolatedAddress, network.Namespace);
        await cluster.StartSiloAsync("worker", "wb", 1, network.HostAddress, null);
        var sweepId = await cluster.SubmitAsync("partition", Spec);

        var running = await cluster.PollAsync(sweepId, status => ProcessCluster.TrainingTrial(status, "wa/") is not null, TimeSpan.FromSeconds(120));
        var victim = ProcessCluster.TrainingTrial(running, "wa/")!;
        await network.CutAsync(ct);

        // Healed once the victim's trial runs again on the other side.
        await cluster.PollAsync(sweepId, status => ProcessCluster.Trials(status).Any(t =>
            t.GetProperty("trialId").GetString() == victim && t.GetProperty("attempts").GetInt32() >= 2 &&
            t.GetProperty("worker").GetString()?.StartsWith("wb/", StringComparison.Ordinal) == true), TimeSpan.FromSeconds(180));
        await network.HealAsync(ct);

        var final = await cluster.WaitForEndAsync(sweepId);
        await cluster.AssertCompletedWithEveryEpochOnceAsync(final, trials: 4, cycleEpochs: 8);
        var resumed = ProcessCluster.Trials(final).Single(t => t.GetProperty("trialId").GetString() == victim);
        Assert.StartsWith("wb/", resumed.GetProperty("worker").GetString());
    }

    /// <summary>A network namespace joined to this one by a veth pair on a /24 of its own; removed with everything in it.</summary>
    private sealed class IsolatedLink : IAsyncDisposable
    {
        private readonly string _hostEnd;

        private IsolatedLink(string name, int net)
        {
            Namespace = name;
            _hostEnd = name + "h";
            HostAddress = $"10.213.{net}.1";
            IsolatedAddress = $"10.213.{net}.2";
            Subnet = $"10.213.{net}.0/24";
        }

        public string Namespace { get; }

        public string HostAddress { get; }

        public string IsolatedAddress { get; }

        public string Subnet { get; }

        public static async Task<IsolatedLink> CreateAsync(CancellationToken ct)
        {
            var net = Random.Shared.Next(1, 250);
            var link = new IsolatedLink($"scp{Random.Shared.Next(0x10000):x4}", net);
            var isolatedEnd = link.Namespace + "n";
            var made = await IpAsync(["netns", "add", link.Namespace], ct);
            Assert.SkipUnless(made.ExitCode == 0, $"cannot make a network namespace here: {made.Error}");
            foreach (var command in new[]
            {
                new[] { "link", "add", link._hostEnd, "type", "veth", "peer", "name", isolatedEnd },
                ["link", "set", isolatedEnd, "netns", link.Namespace],
                ["addr", "add", link.HostAddress + "/24", "dev", link._hostEnd],
                ["link", "set", link._hostEnd, "up"],
                ["netns", "exec", link.Namespace, "ip", "addr", "add", link.IsolatedAddress + "/24", "dev", isolatedEnd],
                ["netns", "exec", link.Namespace, "ip", "link", "set", isolatedEnd, "up"],
                ["netns", "exec", link.Namespace, "ip", "link", "set", "lo", "up"],
            })
            {
                var result = await IpAsync(command, ct);
                Assert.True(result.ExitCode == 0, result.Error);
            }

            return link;
        }

        public async Task CutAsync(CancellationToken ct) => Assert.Equal(0, (await IpAsync(["link", "set", _hostEnd, "down"], ct)).ExitCode);

        public async Task HealAsync(CancellationToken ct) => Assert.Equal(0, (await IpAsync(["link", "set", _hostEnd, "up"], ct)).ExitCode);

        public async ValueTask DisposeAsync()
        {
            // Deleting the namespace deletes its end of the pair, and with it the host's end.
            await IpAsync(["netns", "del", Namespace], CancellationToken.None);
        }

        private static async Task<(int ExitCode, string Error)> IpAsync(string[] arguments, CancellationToken ct)
        {
            var start = new ProcessStartInfo("ip") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                // No iproute2 on this machine: the test is skipped with the reason, never passed.
                return (-1, $"ip {string.Join(' ', arguments)}: {e.Message}");
            }

            using (process)
            {
                var error = await process.StandardError.ReadToEndAsync(ct);
                await process.WaitForExitAsync(ct);
                return (process.ExitCode, $"ip {string.Join(' ', arguments)}: {error}");
            }
        }
    }
}
