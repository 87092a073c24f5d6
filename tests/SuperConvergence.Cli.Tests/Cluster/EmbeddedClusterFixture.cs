using System.Globalization;
using SuperConvergence.Cli.Embedded;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>The test classes that share one <see cref="EmbeddedClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class EmbeddedClusterCollection : ICollectionFixture<EmbeddedClusterFixture>
{
    public const string Name = "embedded cluster";
}

/// <summary>A real one-silo cluster (the one `sc sweep run` starts) in this process, for client commands to query through its gateway.</summary>
public sealed class EmbeddedClusterFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _data = new("sc-embedded");
    private EmbeddedCluster? _cluster;

    public EmbeddedCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster has not started");

    /// <summary>The --gateway value that reaches the cluster.</summary>
    public string Gateway => $"127.0.0.1:{Cluster.Settings.GatewayPort.ToString(CultureInfo.InvariantCulture)}";

    public async ValueTask InitializeAsync() =>
        _cluster = await EmbeddedCluster.StartAsync(slots: 1, _data.Path, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _data.Dispose();
    }
}
