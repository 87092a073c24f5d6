using System.Collections.Immutable;
using System.Net;
using SuperConvergence.Grains.Work;

namespace SuperConvergence.Grains.Tests.Work;

/// <summary>How the work queue reads a worker's silo from membership: by name, the newest generation deciding.</summary>
public sealed class SiloLivenessTests
{
    [Fact]
    public void A_worker_id_names_its_silo_before_the_last_slash()
    {
        Assert.Equal("gpu-0", SiloLivenessReader.SiloNameOf("gpu-0/3"));
        Assert.Equal("rack/a", SiloLivenessReader.SiloNameOf("rack/a/0"));
        Assert.Equal("", SiloLivenessReader.SiloNameOf("no-slot"));
    }

    [Fact]
    public void A_silo_membership_does_not_list_is_unknown()
    {
        var membership = new FixedMembership(Member("wa", 1, SiloStatus.Active, port: 11111));
        Assert.Equal(SiloLiveness.Unknown, SiloLivenessReader.Of(membership, "wb"));
    }

    [Theory]
    [InlineData(SiloStatus.Joining, false)]
    [InlineData(SiloStatus.Active, false)]
    [InlineData(SiloStatus.ShuttingDown, false)]
    [InlineData(SiloStatus.Stopping, false)]
    [InlineData(SiloStatus.Dead, true)]
    public void A_listed_silo_is_gone_only_once_declared_dead(SiloStatus status, bool gone)
    {
        var membership = new FixedMembership(Member("wa", 1, status, port: 11111), Member("wb", 1, SiloStatus.Active, port: 11112));
        Assert.Equal(gone ? SiloLiveness.Gone : SiloLiveness.Active, SiloLivenessReader.Of(membership, "wa"));
    }

    [Fact]
    public void A_silo_restarted_under_its_name_is_judged_by_its_newest_generation()
    {
        var restarted = new FixedMembership(Member("wa", 1, SiloStatus.Dead, port: 11111), Member("wa", 2, SiloStatus.Active, port: 11113));
        Assert.Equal(SiloLiveness.Active, SiloLivenessReader.Of(restarted, "wa"));

        var diedAgain = new FixedMembership(Member("wa", 2, SiloStatus.Dead, port: 11113), Member("wa", 1, SiloStatus.Dead, port: 11111));
        Assert.Equal(SiloLiveness.Gone, SiloLivenessReader.Of(diedAgain, "wa"));
    }

    private static ClusterMember Member(string name, int generation, SiloStatus status, int port) =>
        new(SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), generation), status, name);

    private sealed class FixedMembership(params ClusterMember[] members) : IClusterMembershipService
    {
        public ClusterMembershipSnapshot CurrentSnapshot { get; } =
            new(members.ToImmutableDictionary(m => m.SiloAddress), new MembershipVersion(1));

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task<bool> TryKill(SiloAddress siloAddress) => throw new NotSupportedException();
    }
}
