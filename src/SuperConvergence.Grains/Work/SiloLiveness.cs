namespace SuperConvergence.Grains.Work;

/// <summary>What the cluster's membership says of the silo a worker slot belongs to.</summary>
internal enum SiloLiveness
{
    /// <summary>Membership lists no silo of that name (yet): only the worker's heartbeats can tell.</summary>
    Unknown,

    /// <summary>The newest silo of that name is a live member.</summary>
    Active,

    /// <summary>The newest silo of that name has been declared dead.</summary>
    Gone,
}

/// <summary>
/// Reads worker liveness from Orleans' membership, the cluster's own failure detector. Heartbeats alone misjudge
/// a live worker whenever messages stall cluster-wide, which they do while a dead silo's share of the grain
/// directory is still being routed to: every worker falls silent for a few seconds, not only the dead one's.
/// </summary>
internal static class SiloLivenessReader
{
    /// <summary>Worker ids are "{silo name}/{slot}" (WorkerSlotsService names them so).</summary>
    public static string SiloNameOf(string workerId) => workerId[..Math.Max(0, workerId.LastIndexOf('/'))];

    public static SiloLiveness Of(IClusterMembershipService membership, string siloName)
    {
        ClusterMember? newest = null;
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            // A silo restarted under the same name is a new member with a later generation; its old entry stays dead.
            if (string.Equals(member.Name, siloName, StringComparison.Ordinal) &&
                (newest is null || member.SiloAddress.Generation > newest.SiloAddress.Generation))
            {
                newest = member;
            }
        }

        return newest?.Status switch
        {
            null or SiloStatus.None => SiloLiveness.Unknown,
            // A silo shutting down hands its slots' trials back itself; its heartbeats still count until it is gone.
            SiloStatus.Dead => SiloLiveness.Gone,
            _ => SiloLiveness.Active,
        };
    }
}
