namespace SuperConvergence.Silo.Hosting;

/// <summary>How a client outside the silos finds the cluster: the gateways listed in PostgreSQL's membership table.</summary>
public sealed class SuperConvergenceClusterClientOptions
{
    public string? PostgresConnectionString { get; set; }

    public string ClusterId { get; set; } = SuperConvergenceStorageOptions.DefaultClusterId;

    public string ServiceId { get; set; } = SuperConvergenceStorageOptions.DefaultServiceId;
}
