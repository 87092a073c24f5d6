using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;
using OpenTelemetry.Metrics;
using SuperConvergence.Core.Trials;
using SuperConvergence.Grains.Telemetry;
using SuperConvergence.Silo.Hosting.Health;
using SuperConvergence.Training.Data;

namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// The one composition of a silo: Orleans with the grains of its role, the cluster's database, the trainers and search
/// strategies, metrics and health. On <see cref="IHostApplicationBuilder"/> rather than ISiloBuilder: a silo is more
/// than Orleans (its HTTP endpoint, its metrics, the data directory's lock and the trainers live beside Orleans in the
/// host), and the application builder's configuration is where the settings come in.
/// </summary>
public static class SuperConvergenceSiloHostApplicationBuilderExtensions
{
    /// <summary>
    /// Composes a silo from section <see cref="SiloConfiguration.Section"/> of the builder's configuration: the settings
    /// (<see cref="SiloConfiguration.ReadSiloSettings"/>), checked now because they decide what is registered, and the
    /// options bound from the keys of the same names, checked when the host starts. The endpoints come with
    /// <see cref="MapSuperConvergenceSiloEndpoints"/>.
    /// </summary>
    /// <exception cref="SiloSettingsException">A setting cannot work; the message names it and its value.</exception>
    /// <exception cref="DataDirectoryInUseException">Embedded, and another process owns the data directory.</exception>
    public static TBuilder AddSuperConvergenceSilo<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration.GetSection(SiloConfiguration.Section);
        var settings = builder.Configuration.ReadSiloSettings().Validated();
        var services = builder.Services;

        // Bound before the roles add their own configuration, so that what a role sets last wins.
        services.AddOptions<SweepClusterOptions>().Bind(configuration);
        services.AddOptions<WorkerSlotsOptions>().Bind(configuration);

        builder.UseOrleans(silo =>
        {
            silo.Configure<Orleans.Configuration.SiloOptions>(o => o.SiloName = settings.Name);
            silo.AddSuperConvergencePersistence(storage =>
            {
                configuration.Bind(storage);
                ConfigureStorage(storage, settings);
            });
            if (settings.Postgres is not null)
            {
                ConfigureClusterMembership(silo, settings);
            }

            void Timing(SweepClusterOptions o) => o.ResumeRunningSweepsOnStart = settings.ResumeRunningSweeps;

            if (settings.Role.Coordinates())
            {
                silo.AddSweepCoordinator(Timing);
            }

            if (settings.Role.Trains())
            {
                silo.AddSweepWorkers(configure: Timing);
            }

            if (settings.Dashboard)
            {
                silo.AddDashboard();
            }
        });

        services.AddSingleton(settings);
        if (settings.Postgres is null)
        {
            // The embedded store has one owner: a second silo on the same data directory is refused here, before
            // anything starts (DataDirectoryInUseException); the lock is released when the container that resolved
            // it is disposed (SuperConvergenceSiloHost.Build resolves it at once).
            var owner = DataDirectoryLock.Acquire(settings.DataDirectory ?? DataCache.DefaultDirectory());
            services.AddSingleton(_ => owner);
        }

        services.TryAddSingleton<ITrainerProvider, TrainerProvider>();
        services.AddSiloTrainingServices();

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddSiloMetrics()
            .AddPrometheusExporter());
        services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: ["ready"]);

        builder.Configuration[WebHostDefaults.ServerUrlsKey] =
            new UriBuilder(Uri.UriSchemeHttp, settings.Address.ToString(), settings.HttpPort).Uri.ToString().TrimEnd('/');
        return builder;
    }

    /// <summary>/healthz (the process is up), /readyz (an active cluster member), /metrics and, when on, /dashboard.</summary>
    public static WebApplication MapSuperConvergenceSiloEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        if (app.Services.GetRequiredService<SiloSettings>().Dashboard)
        {
            app.MapOrleansDashboard(SuperConvergenceSiloHost.DashboardPath);
        }

        return app;
    }

    private static void ConfigureStorage(SuperConvergenceStorageOptions storage, SiloSettings settings)
    {
        storage.DataDirectory = settings.DataDirectory;
        if (settings.Postgres is not null)
        {
            storage.Provider = DatabaseProvider.Postgres;
            storage.ConnectionString = settings.Postgres;
            if (settings.CheckpointDirectory is not null)
            {
                storage.CheckpointStore = CheckpointStoreKind.Directory;
                storage.CheckpointDirectory = settings.CheckpointDirectory;
            }
        }
        else
        {
            storage.Provider = DatabaseProvider.Sqlite;
            storage.EmbeddedSiloPort = settings.SiloPort;
            storage.EmbeddedGatewayPort = settings.GatewayPort;
            storage.CheckpointDirectory = settings.CheckpointDirectory;
        }
    }

    private static void ConfigureClusterMembership(ISiloBuilder silo, SiloSettings settings)
    {
        // The default directory is eventually consistent: when a silo dies, the entries it held for grains
        // on other silos are lost, and the next call to such a grain activates a second copy beside the
        // first. A worker slot activated twice runs one trial and heartbeats "idle" from its twin, which made
        // the queue requeue trials of healthy workers whenever another worker died. This directory prevents
        // duplicates. (An embedded cluster is one silo: nothing to lose, and the default is faster there.)
#pragma warning disable ORLEANSEXP003 // experimental in Orleans 10; the documented strongly consistent directory
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003

        // Clients talk to coordinators: a worker-only silo opens no gateway, so the membership table never
        // sends a client to a worker that may be gone.
        var gatewayPort = settings.Role == SiloRole.Worker ? 0 : settings.GatewayPort;
        // Listen on the address this silo is reached at, never on every interface: Orleans' gateway has no
        // authentication, so what may reach it is decided by that address (docs/cluster.md, "Running silos").
        silo.ConfigureEndpoints(settings.Address, settings.SiloPort, gatewayPort, listenOnAnyHostAddress: false);
        // Named explicitly: Orleans' Kubernetes hosting would otherwise listen on every interface.
        silo.Configure<Orleans.Configuration.EndpointOptions>(endpoints =>
        {
            endpoints.SiloListeningEndpoint = new System.Net.IPEndPoint(settings.Address, settings.SiloPort);
            endpoints.GatewayListeningEndpoint = gatewayPort == 0 ? null : new System.Net.IPEndPoint(settings.Address, gatewayPort);
        });

        if (settings.Kubernetes)
        {
            // A deleted pod (a drain, a preempted node) is declared dead as Kubernetes reports it, not after
            // missed probes, so its trials are requeued sooner; a silo declared dead has its pod deleted, so
            // that its Deployment starts another. The silo's name and address are the pod's (POD_NAME,
            // POD_IP), which `sc silo --kubernetes` has checked against --name and --address.
            silo.UseKubernetesHosting(options => options.Configure(kubernetes => kubernetes.DeleteDefunctSiloPods = true));
        }

        // Until membership declares a dead silo dead, calls routed through its share of the grain directory
        // fail; declare it about as fast as the work queue gives up its leases.
        silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = TimeSpan.FromSeconds(Math.Clamp(settings.LeaseTimeout.TotalSeconds / 3, 1, 5));
            membership.NumMissedProbesLimit = 2;
        });
    }
}
