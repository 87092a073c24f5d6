using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Silo.Persistence;
using SuperConvergence.Silo.Persistence.Checkpoints;

namespace SuperConvergence.Silo.Tests.Hosting;

public sealed class StorageOptionsTests
{
    [Fact]
    public void Embedded_defaults_put_the_database_and_checkpoints_under_the_data_directory()
    {
        var data = Path.Combine(Path.GetTempPath(), "sc-options-data");

        var settings = StorageSettings.Resolve(new SuperConvergenceStorageOptions { DataDirectory = data });

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal(ConnectionStrings.ForSqliteFile(Path.Combine(data, "superconvergence.db")), settings.ConnectionString);
        Assert.Equal((CheckpointStoreKind.Directory, Path.Combine(data, "checkpoints")), (settings.CheckpointStore, settings.CheckpointDirectory));
        Assert.Equal("System.Data.SQLite", settings.Invariant);
    }

    [Fact]
    public void A_cluster_keeps_checkpoints_in_PostgreSQL_unless_told_to_use_a_shared_directory()
    {
        var cluster = new SuperConvergenceStorageOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=db;Database=sc" };
        var shared = new SuperConvergenceStorageOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = "Host=db;Database=sc",
            CheckpointStore = CheckpointStoreKind.Directory,
            CheckpointDirectory = "/mnt/shared/checkpoints",
        };

        Assert.Equal((CheckpointStoreKind.Database, (string?)null), (StorageSettings.Resolve(cluster).CheckpointStore, StorageSettings.Resolve(cluster).CheckpointDirectory));
        Assert.Equal("/mnt/shared/checkpoints", StorageSettings.Resolve(shared).CheckpointDirectory);
        Assert.Equal("Npgsql", StorageSettings.Resolve(cluster).Invariant);
    }

    public static TheoryData<string, Action<SuperConvergenceStorageOptions>> InvalidOptions => new()
    {
        { "SuperConvergenceStorageOptions.ConnectionString: (none) is required when Provider is Postgres", o => o.Provider = DatabaseProvider.Postgres },
        { "SuperConvergenceStorageOptions.ConnectionString: 'Database=sc' names no Host", o => { o.Provider = DatabaseProvider.Postgres; o.ConnectionString = "Database=sc"; } },
        { "SuperConvergenceStorageOptions.ConnectionString: 'Data Source=:memory:' is an in-memory database", o => o.ConnectionString = "Data Source=:memory:" },
        { "SuperConvergenceStorageOptions.CheckpointDirectory: '/tmp/x' is set but checkpoints go to the database", o => { o.Provider = DatabaseProvider.Postgres; o.ConnectionString = "Host=db"; o.CheckpointDirectory = "/tmp/x"; } },
        { "SuperConvergenceStorageOptions.CheckpointStore: '7' is not a checkpoint store", o => o.CheckpointStore = (CheckpointStoreKind)7 },
        { "SuperConvergenceStorageOptions.Provider: '9' is not a database provider", o => o.Provider = (DatabaseProvider)9 },
        { "SuperConvergenceStorageOptions.ClusterId: '' is required", o => o.ClusterId = "" },
        { "SuperConvergenceStorageOptions.ServiceId: ' ' is required", o => o.ServiceId = " " },
        { "SuperConvergenceStorageOptions.DataDirectory: '' is blank", o => o.DataDirectory = "" },
        { "SuperConvergenceStorageOptions.EmbeddedSiloPort: '0' is not a TCP port", o => o.EmbeddedSiloPort = 0 },
        { "SuperConvergenceStorageOptions.EmbeddedGatewayPort: '70000' is not a TCP port", o => o.EmbeddedGatewayPort = 70000 },
        { "SuperConvergenceStorageOptions.EmbeddedGatewayPort: '11111' is the same as EmbeddedSiloPort", o => o.EmbeddedGatewayPort = 11111 },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Each_invalid_setting_is_reported_with_its_field_and_value(string expected, Action<SuperConvergenceStorageOptions> configure)
    {
        var options = new SuperConvergenceStorageOptions();
        configure(options);

        var error = Assert.Throws<OptionsValidationException>(() => StorageSettings.Resolve(options));

        Assert.Contains(error.Failures, failure => failure.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_passwords_never_appear()
    {
        var options = new SuperConvergenceStorageOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = "Database=sc;Password=hunter2",
            ClusterId = "",
        };

        var error = Assert.Throws<OptionsValidationException>(() => StorageSettings.Resolve(options));

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("SuperConvergenceStorageOptions.ConnectionString: 'Database=sc;Password=***'", StringComparison.Ordinal));
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", StorageSettings.Resolve(new SuperConvergenceStorageOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = "Host=db;Password=hunter2",
        }).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_silo_builder_refuses_invalid_options_before_anything_starts()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        var error = Assert.Throws<OptionsValidationException>(() =>
            builder.UseOrleans(silo => silo.AddSuperConvergencePersistence(o => o.Provider = DatabaseProvider.Postgres)));

        Assert.Contains("SuperConvergenceStorageOptions.ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "SuperConvergenceClusterClientOptions.PostgresConnectionString: (none) is required")]
    [InlineData("Database=sc", "SuperConvergenceClusterClientOptions.PostgresConnectionString: 'Database=sc' names no Host")]
    [InlineData("Host=db;Port=many", "SuperConvergenceClusterClientOptions.PostgresConnectionString: 'Host=db;Port=many' is not a PostgreSQL connection string")]
    public void The_client_builder_refuses_a_connection_string_it_cannot_use(string? connectionString, string expected)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        var error = Assert.Throws<OptionsValidationException>(() =>
            builder.UseOrleansClient(client => client.UseSuperConvergenceCluster(connectionString!)));

        Assert.Contains(error.Failures, failure => failure.StartsWith(expected, StringComparison.Ordinal));
    }
}
