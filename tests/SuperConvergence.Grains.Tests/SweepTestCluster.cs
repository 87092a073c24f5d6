using SuperConvergence.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
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
/// An in-process cluster with the sweep grains: silos with both roles, memory grain storage, short heartbeats so
/// that lost leases are noticed within a second.
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
        bool withWorkers = true)
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Default);

            // As in the real silos (grain state round-trips through Orleans' serializer, not JSON): finished trial
            // grains leave memory and are read back.
            silo.Services.AddOptions<MemoryGrainStorageOptions>(StorageNames.Default)
                .Configure<Orleans.Serialization.Serializer>((storage, serializer) => storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
            silo.AddSweepCoordinator(o =>
            {
                o.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
                o.LeaseTimeout = TimeSpan.FromMilliseconds(800);
            });
            if (withWorkers)
            {
                silo.AddSweepWorkers(s => s.Slots = slotsPerSilo);
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

    public ISweepGrain Sweep(string id) => Client.GetGrain<ISweepGrain>(id);

    /// <summary>Polls the sweep's status until <paramref name="done"/> holds (the cluster has no completion event to await).</summary>
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
