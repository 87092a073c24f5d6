namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// How a client outside the silos finds the cluster: the gateways listed in PostgreSQL's membership table, or one
/// gateway it is given.
/// </summary>
public sealed class SuperConvergenceClusterClientOptions
{
    public string? PostgresConnectionString { get; set; }

    /// <summary>A silo's gateway to connect to directly, instead of those of the membership table.</summary>
    public System.Net.IPEndPoint? Gateway { get; set; }

    public string ClusterId { get; set; } = SuperConvergenceStorageOptions.DefaultClusterId;

    public string ServiceId { get; set; } = SuperConvergenceStorageOptions.DefaultServiceId;
}
