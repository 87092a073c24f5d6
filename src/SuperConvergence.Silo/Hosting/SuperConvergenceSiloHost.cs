using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;
using OpenTelemetry.Metrics;
using SuperConvergence.Core.Trials;
using SuperConvergence.Grains.Hosting;
using SuperConvergence.Grains.Telemetry;
using SuperConvergence.Silo.Hosting.Health;

using SuperConvergence.Silo.Persistence;
using SuperConvergence.Silo.Persistence.Checkpoints;
using SuperConvergence.Training.Data;

namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// The silo process: Orleans with the grains of its role, the cluster's database, and an HTTP endpoint with
/// /healthz (the process is up), /readyz (the silo is an active cluster member), /metrics (Prometheus) and, when
/// asked for, the Orleans Dashboard at /dashboard.
/// </summary>
public static class SuperConvergenceSiloHost
{
    /// <summary>Where the Orleans Dashboard is served with <see cref="SiloSettings.Dashboard"/> on.</summary>
    public const string DashboardPath = "/dashboard";

    public static WebApplication Build(SiloSettings settings, Action<IServiceCollection>? configureServices = null, LogLevel logLevel = LogLevel.Information)
    {
        settings.Validated();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        // Logs are diagnostics: stderr, so that stdout carries only what a command was asked for (JSON, tables).
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Logging.AddFilter("Orleans", logLevel < LogLevel.Warning ? LogLevel.Warning : logLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        builder.UseOrleans(silo =>
        {
            silo.Configure<Orleans.Configuration.SiloOptions>(o => o.SiloName = settings.Name);
            silo.AddSuperConvergencePersistence(storage =>
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
            });
            if (settings.Postgres is not null)
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

            void Timing(SweepClusterOptions o)
            {
                o.ResumeRunningSweepsOnStart = settings.ResumeRunningSweeps;
                o.HeartbeatInterval = settings.HeartbeatInterval;
                o.LeaseTimeout = settings.LeaseTimeout;
            }

            if (settings.Role.Coordinates())
            {
                silo.AddSweepCoordinator(Timing);
            }

            if (settings.Role.Trains())
            {
                silo.AddSweepWorkers(slots => slots.Slots = settings.Slots, Timing);
            }

            if (settings.Dashboard)
            {
                silo.AddDashboard();
            }
        });

        builder.Services.AddSingleton(settings);
        if (settings.Postgres is null)
        {
            // The embedded store has one owner: a second silo on the same data directory is refused here, before
            // anything starts (DataDirectoryInUseException); the lock is released when the host is disposed.
            var owner = DataDirectoryLock.Acquire(settings.DataDirectory ?? DataCache.DefaultDirectory());
            builder.Services.AddSingleton(_ => owner);
        }
        builder.Services.TryAddSingleton<ITrainerProvider, TrainerProvider>();
        configureServices?.Invoke(builder.Services);

        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddSiloMetrics()
            .AddPrometheusExporter());
        builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: ["ready"]);

        builder.WebHost.UseUrls(new UriBuilder(Uri.UriSchemeHttp, settings.Address.ToString(), settings.HttpPort).Uri.ToString().TrimEnd('/'));

        var app = builder.Build();
        // Resolved once so that the container owns it: the data directory's lock goes when the host is disposed.
        _ = app.Services.GetService<DataDirectoryLock>();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        if (settings.Dashboard)
        {
            app.MapOrleansDashboard(DashboardPath);
        }

        return app;
    }
}
