using Orleans.Serialization;
using Orleans.Storage;

namespace SuperConvergence.Silo.Hosting;

/// <summary>Wires a silo to its database: clustering, grain storage "sc", checkpoints and schema migration.</summary>
public static class SuperConvergenceSiloBuilderExtensions
{
    /// <summary>
    /// Embedded (Provider Sqlite, the default): localhost clustering, ADO.NET grain storage in a SQLite file,
    /// checkpoints on local disk. Cluster (Provider Postgres): ADO.NET clustering and grain storage on
    /// PostgreSQL, checkpoints in PostgreSQL or a shared directory; the host configures the endpoints.
    /// Registers the grain storage <see cref="StorageNames.Default"/> and an <see cref="ICheckpointStore"/>,
    /// and applies pending schema scripts when the silo starts (or, with MigrateOnStart off, refuses to
    /// start on a database that lacks some).
    /// </summary>
    /// <exception cref="OptionsValidationException">The options are invalid; each failure names the field and value.</exception>
    public static ISiloBuilder AddSuperConvergencePersistence(this ISiloBuilder builder, Action<SuperConvergenceStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SuperConvergenceStorageOptions();
        configure?.Invoke(options);
        // Resolved now, not at start: which clustering to register depends on the provider.
        var settings = StorageSettings.Resolve(options);

        builder.Services.AddSingleton(settings);
        builder.Services.AllowDatabaseDriverExceptions();
        var sqlite = settings.CreateSqliteDataSource();
        builder.Services.AddSingleton<ICheckpointStore>(_ => settings.CreateCheckpointStore(sqlite));
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaMigrationParticipant>();

        if (settings.Provider == DatabaseProvider.Postgres)
        {
            builder.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = settings.ClusterId;
                cluster.ServiceId = settings.ServiceId;
            });
            builder.UseAdoNetClustering(clustering =>
            {
                clustering.Invariant = settings.Invariant;
                clustering.ConnectionString = settings.ConnectionString;
            });
        }
        else
        {
            builder.UseLocalhostClustering(
                settings.EmbeddedSiloPort,
                settings.EmbeddedGatewayPort,
                serviceId: settings.ServiceId,
                clusterId: settings.ClusterId);
        }

        builder.AddAdoNetGrainStorage(StorageNames.Default, (OptionsBuilder<AdoNetGrainStorageOptions> storage) =>
            storage.Configure<Serializer>((adoNet, serializer) =>
            {
                adoNet.Invariant = settings.Invariant;
                if (settings.Provider == DatabaseProvider.Sqlite)
                {
                    adoNet.DataSource = sqlite;
                }
                else
                {
                    adoNet.ConnectionString = settings.ConnectionString;
                }

                // The same serializer as grain calls: state types need [GenerateSerializer], like wire records.
                adoNet.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));

        return builder;
    }
}
