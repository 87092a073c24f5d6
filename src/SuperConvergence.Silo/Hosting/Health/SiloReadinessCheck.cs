using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace SuperConvergence.Silo.Hosting.Health;

/// <summary>Ready once this silo is an active member of the cluster (it then takes grain calls and work).</summary>
public sealed class SiloReadinessCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {silo.Name} is active")
            : HealthCheckResult.Unhealthy($"silo {silo.Name} is {status}"));
    }
}
