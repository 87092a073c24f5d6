using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using SuperConvergence.Grains.Sweeps;
using SuperConvergence.Grains.Work;

namespace SuperConvergence.Grains.Hosting;

/// <summary>
/// Roles of a silo. A coordinator hosts sweeps, trials, the queue and the catalog; a worker hosts training slots. A
/// silo can be both (embedded mode, small clusters).
/// </summary>
public static class SweepSiloBuilderExtensions
{
    /// <summary>Makes this silo able to coordinate sweeps. Needs an ISweepSpecParser and an ISearchStrategyFactory.</summary>
    public static ISiloBuilder AddSweepCoordinator(this ISiloBuilder builder, Action<SweepClusterOptions>? configure = null)
    {
        AddShared(builder, configure);
        builder.Services.TryAddSingleton<ISweepSpecParser, SweepSpecTextParser>();
        builder.Services.TryAddSingleton<SweepSnapshots>();
        builder.AddIncomingGrainCallFilter<SweepApiCallTimer>();
        builder.Services.TryAddKeyedSingleton<TimeProvider>(SweepClocks.WallTime, (services, _) => services.GetRequiredService<TimeProvider>());
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SweepResumeService>();
        builder.Services.AddSingleton<SweepRoleMarker>(new SweepRoleMarker(SweepRole.Coordinator));
        return builder;
    }

    /// <summary>Makes this silo run trials in <see cref="WorkerSlotsOptions.Slots"/> slots. Needs an ITrainerProvider and an ICheckpointStore.</summary>
    public static ISiloBuilder AddSweepWorkers(this ISiloBuilder builder, Action<WorkerSlotsOptions>? configureSlots = null, Action<SweepClusterOptions>? configure = null)
    {
        AddShared(builder, configure);
        var slots = builder.Services.AddOptions<WorkerSlotsOptions>();
        if (configureSlots is not null)
        {
            slots.Configure(configureSlots);
        }

        slots.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkerSlotsOptions>, WorkerSlotsOptionsValidator>());
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, WorkerSlotsService>();
        builder.Services.TryAddSingleton<LiveTrials>();
        builder.Services.TryAddSingleton<WorkerPreemption>();
        builder.Services.AddSingleton<SweepRoleMarker>(new SweepRoleMarker(SweepRole.Worker));
        return builder;
    }

    private static void AddShared(ISiloBuilder builder, Action<SweepClusterOptions>? configure)
    {
        var services = builder.Services;
        var options = services.AddOptions<SweepClusterOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SweepClusterOptions>, SweepClusterOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<SweepMetrics>();
        services.TryAddSingleton(TimeProvider.System);

        // A silo hosts only the grain classes of the roles it was given: placement then never puts a sweep on a
        // worker-only silo, nor a training slot on a coordinator-only silo.
        services.AddOptions<GrainTypeOptions>().PostConfigure<IEnumerable<SweepRoleMarker>>((grainTypes, roles) =>
        {
            var given = roles.Select(r => r.Role).ToHashSet();
            if (!given.Contains(SweepRole.Worker))
            {
                grainTypes.Classes.Remove(typeof(WorkerGrain));
            }

            if (!given.Contains(SweepRole.Coordinator))
            {
                // Trials are bookkeeping: on a coordinator they survive the loss of any worker silo.
                grainTypes.Classes.Remove(typeof(Trials.TrialGrain));
                grainTypes.Classes.Remove(typeof(SweepGrain));
                grainTypes.Classes.Remove(typeof(WorkQueueGrain));
                grainTypes.Classes.Remove(typeof(SweepCatalogGrain));
            }
        });
    }
}

internal enum SweepRole
{
    Coordinator,
    Worker,
}

internal sealed record SweepRoleMarker(SweepRole Role);
