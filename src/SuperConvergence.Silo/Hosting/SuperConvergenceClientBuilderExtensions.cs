namespace SuperConvergence.Silo.Hosting;

/// <summary>Points an Orleans client at a SuperConvergence cluster: every client composes its connection here.</summary>
public static class SuperConvergenceClientBuilderExtensions
{
    /// <summary>Finds the cluster's gateways through the membership table in <paramref name="postgresConnectionString"/>.</summary>
    /// <exception cref="OptionsValidationException">The connection string is missing or unparseable.</exception>
    public static IClientBuilder UseSuperConvergenceCluster(this IClientBuilder builder, string postgresConnectionString) =>
        builder.UseSuperConvergenceCluster(options => options.PostgresConnectionString = postgresConnectionString);

    /// <summary>
    /// Finds the cluster's gateways through the membership table of <see cref="SuperConvergenceClusterClientOptions.PostgresConnectionString"/>,
    /// or connects to <see cref="SuperConvergenceClusterClientOptions.Gateway"/>.
    /// </summary>
    /// <exception cref="OptionsValidationException">Neither or both are given, or the connection string is unparseable.</exception>
    public static IClientBuilder UseSuperConvergenceCluster(this IClientBuilder builder, Action<SuperConvergenceClusterClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SuperConvergenceClusterClientOptions();
        configure(options);
        var result = new SuperConvergenceClusterClientOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(nameof(SuperConvergenceClusterClientOptions), typeof(SuperConvergenceClusterClientOptions), result.Failures);
        }

        builder.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        if (options.Gateway is { } gateway)
        {
            return builder.UseStaticClustering(gateway);
        }

        builder.Services.AllowDatabaseDriverExceptions();
        return builder.UseAdoNetClustering(clustering =>
        {
            clustering.Invariant = AdoNetInvariants.Postgres;
            clustering.ConnectionString = options.PostgresConnectionString;
        });
    }
}
