using SuperConvergence.Cli.Cluster;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// Grain calls give up after the client's response timeout, not Orleans' default 30 s, so a cluster that dies mid-query
/// is reported within seconds. The values are checked on the Orleans client itself, never by timing a call.
/// </summary>
[Collection(EmbeddedClusterCollection.Name)]
public sealed class ResponseTimeoutTests(EmbeddedClusterFixture cluster)
{
    [Fact]
    public async Task A_connection_uses_the_short_default_response_timeout()
    {
        await using var connection = await Connect(responseTimeout: null);

        Assert.Equal(ClusterConnection.DefaultResponseTimeout, connection.ResponseTimeout);
        Assert.True(ClusterConnection.DefaultResponseTimeout < TimeSpan.FromSeconds(30), "the default must be shorter than Orleans' own");
    }

    [Fact]
    public async Task A_connection_uses_the_configured_response_timeout()
    {
        await using var connection = await Connect(TimeSpan.FromSeconds(2.5));

        Assert.Equal(TimeSpan.FromSeconds(2.5), connection.ResponseTimeout);
    }

    private Task<ClusterConnection> Connect(TimeSpan? responseTimeout) => ClusterConnection.OpenAsync(
        ClusterTarget.Resolve(null, cluster.Gateway), TestContext.Current.CancellationToken, responseTimeout);
}
