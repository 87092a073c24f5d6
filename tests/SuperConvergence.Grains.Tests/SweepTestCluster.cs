using SuperConvergence.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Trials;
using SuperConvergence.Grains.Hosting;
using SuperConvergence.Grains.Tests.Doubles;

namespace SuperConvergence.Grains.Tests;

/// <summary>
/// An in-process cluster with the sweep grains: silos with both roles (and, when asked, worker-only silos after
/// them), grain state in a store every silo shares, short heartbeats so that lost leases are noticed within a second.
/// </summary>
public sealed class SweepTestCluster : IAsyncDisposable
{
    private SweepTestCluster(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public static async Task<SweepTestCluster> StartAsync(
        ITrainerProvider trainers,
        ISearchStrategyFactory strategies,
        ISweepSpecParser parser,
        ICheckpointStore checkpoints,
        int silos = 1,
        int slotsPerSilo = 2,
        bool withWorkers = true,
        int workerOnlySilos = 0,
        TimeProvider? sweepClock = null)
    {
        var states = new SharedGrainStorage.Store();
        var builder = new InProcessTestClusterBuilder((short)(silos + workerOnlySilos));

        // The client talks to the first silo only, so a test that kills a worker silo does not kill its gateway too.
        builder.Options.GatewayPerSilo = workerOnlySilos == 0;
        builder.ConfigureSilo((siloOptions, silo) =>
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, (services, _) => new SharedGrainStorage(states, services.GetRequiredService<Orleans.Serialization.Serializer>()));
            if (sweepClock is not null)
            {
                silo.Services.AddKeyedSingleton(SweepClocks.WallTime, sweepClock);
            }

            var workerOnly = InstanceOf(siloOptions.SiloName) >= silos;
            if (!workerOnly)
            {
                silo.AddSweepCoordinator(o =>
                {
                    o.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
                    o.LeaseTimeout = TimeSpan.FromMilliseconds(800);
                });
            }

            if (withWorkers || workerOnly)
            {
                silo.AddSweepWorkers(s => s.Slots = slotsPerSilo, o =>
                {
                    o.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
                    o.LeaseTimeout = TimeSpan.FromMilliseconds(800);
                });
            }

            silo.Services.AddSingleton(trainers);
            silo.Services.AddSingleton(strategies);
            silo.Services.AddSingleton(parser);
            silo.Services.AddSingleton(checkpoints);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new SweepTestCluster(cluster);
    }

    /// <summary>The silo a worker (its id is "{silo name}/{slot}") belongs to.</summary>
    public InProcessSiloHandle SiloOf(string workerId)
    {
        var name = workerId[..workerId.LastIndexOf('/')];
        return Cluster.Silos.Single(s => s.Name == name);
    }

    // The test cluster numbers its silos in its names ("Silo_0", …; the first may be "Primary").
    private static int InstanceOf(string siloName) =>
        siloName == "Primary" ? 0 : int.Parse(siloName.AsSpan(siloName.LastIndexOf('_') + 1), System.Globalization.CultureInfo.InvariantCulture);

    public ISweepGrain Sweep(string id) => Client.GetGrain<ISweepGrain>(id);

    /// <summary>
    /// Polls the sweep's status until <paramref name="done"/> holds. Tests wait on the coordinator's in-memory view
    /// too (running and pending counts after a cancel), which no grain event announces; awaiting a signal instead
    /// would take a subscription API on the sweep grain that only tests would use.
    /// </summary>
    public async Task<SweepStatus> WaitForAsync(string sweepId, Func<SweepStatus, bool> done, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var status = await Sweep(sweepId).GetStatus(0, 10_000);
            if (done(status))
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"sweep {sweepId} stayed {status.State} with counts {string.Join(", ", status.Counts.Select(c => $"{c.Key}={c.Value}"))}");
            }

            await Task.Delay(25);
        }
    }

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
