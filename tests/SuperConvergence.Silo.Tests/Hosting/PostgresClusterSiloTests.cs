using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SuperConvergence.Core.Persistence;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Silo.Persistence;
using SuperConvergence.Silo.Persistence.Checkpoints;
using SuperConvergence.Silo.Tests.Hosting.Grains;
using SuperConvergence.Silo.Tests.Support;
using SuperConvergence.Testing.Servers;

namespace SuperConvergence.Silo.Tests.Hosting;

/// <summary>The cluster mode: ADO.NET clustering and grain storage on ./test.sh's PostgreSQL.</summary>
public sealed class PostgresClusterSiloTests(PostgresClusterSiloTests.Fixture fixture)
    : GrainStorageContract, IClassFixture<PostgresClusterSiloTests.Fixture>
{
    private const int ActiveStatus = 3;

    protected override Task<(TestSilo Silo, TestDatabase Database)> SharedSiloAsync()
    {
        TestPostgres.RequireServer();
        return Task.FromResult((fixture.Silo!, fixture.Database!));
    }

    protected override async Task<Action<SuperConvergenceStorageOptions>> FreshStorageAsync()
    {
        var database = await TestDatabase.CreatePostgresAsync("sc_restart", Cancellation);
        return o => PostgresStorage(o, database);
    }

    [Fact]
    public async Task A_silo_starting_on_an_empty_database_migrates_it_and_registers_as_active()
    {
        var (silo, database) = await SharedSiloAsync();

        var versions = await database.QueryAsync("SELECT version FROM sc_schema_version ORDER BY version", Cancellation);
        var members = await database.QueryAsync("SELECT status, proxy_port FROM orleans_membership", Cancellation);

        Assert.Equal([1, 2, 3], versions.Select(v => Convert.ToInt32(v[0], System.Globalization.CultureInfo.InvariantCulture)));
        var member = Assert.Single(members);
        Assert.Equal((ActiveStatus, silo.GatewayPort), ((int)member[0], (int)member[1]));
    }

    [Fact]
    public async Task A_client_finds_the_gateway_through_the_membership_table()
    {
        var (silo, database) = await SharedSiloAsync();
        var key = NewKey();
        await silo.Grains.GetGrain<ICounterGrain>(key).Add(5);

        // No gateway address anywhere in the client's configuration: only the database.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client.UseSuperConvergenceCluster(database.ConnectionString));
        using var host = builder.Build();
        await host.StartAsync(Cancellation);
        try
        {
            var client = host.Services.GetRequiredService<IClusterClient>();
            var read = await client.GetGrain<ICounterGrain>(key).Read();
            Assert.Equal(5, read.Value);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Checkpoints_go_to_the_database_by_default()
    {
        var (silo, _) = await SharedSiloAsync();

        Assert.IsType<PostgresCheckpointStore>(silo.Services.GetRequiredService<ICheckpointStore>());
    }

    [Fact]
    public async Task Silos_starting_together_on_an_empty_database_form_one_cluster()
    {
        var database = await TestDatabase.CreatePostgresAsync("sc_together", Cancellation);

        var starting = Enumerable.Range(0, 2).Select(_ => TestSilo.StartAsync(o => PostgresStorage(o, database), Cancellation)).ToList();
        var silos = await Task.WhenAll(starting);
        try
        {
            var members = await database.QueryAsync("SELECT proxy_port FROM orleans_membership WHERE status = 3", Cancellation);
            Assert.Equal(silos.Select(s => s.GatewayPort).Order(), members.Select(m => (int)m[0]).Order());

            // Grain state written through one silo is read through the other.
            var key = NewKey();
            await silos[0].Grains.GetGrain<ICounterGrain>(key).Add(4);
            Assert.Equal(4, (await silos[1].Grains.GetGrain<ICounterGrain>(key).Read()).Value);
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    private static void PostgresStorage(SuperConvergenceStorageOptions options, TestDatabase database)
    {
        options.Provider = DatabaseProvider.Postgres;
        options.ConnectionString = database.ConnectionString;
    }

    public sealed class Fixture : IAsyncLifetime
    {
        public TestSilo? Silo { get; private set; }

        public TestDatabase? Database { get; private set; }

        public async ValueTask InitializeAsync()
        {
            // Without ./test.sh's server every test skips (SharedSiloAsync), so there is nothing to start.
            if (string.IsNullOrWhiteSpace(TestPostgres.ServerConnectionString))
            {
                return;
            }

            Database = await TestDatabase.CreatePostgresAsync("sc_cluster", CancellationToken.None);
            Silo = await TestSilo.StartAsync(o => PostgresStorage(o, Database), CancellationToken.None);
        }

        public async ValueTask DisposeAsync()
        {
            if (Silo is not null)
            {
                await Silo.DisposeAsync();
            }
        }
    }
}
