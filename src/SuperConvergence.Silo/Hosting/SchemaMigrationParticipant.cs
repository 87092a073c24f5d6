using Microsoft.Extensions.Logging;
using SuperConvergence.Silo.Persistence.Migrations;

namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// Applies pending schema scripts at the very first silo lifecycle stage: Orleans' membership table and grain
/// storage read their queries from the database in later stages and would fail on a database without them.
/// </summary>
internal sealed class SchemaMigrationParticipant(StorageSettings settings, ILogger<SchemaMigrator> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigrationParticipant), ServiceLifecycleStage.First, MigrateAsync);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var report = await new SchemaMigrator(settings.Provider, settings.ConnectionString, logger).MigrateAsync(cancellationToken);
        logger.LogInformation(
            "Database schema at version {Version} ({Applied} script(s) applied)",
            report.SchemaVersion,
            report.Applied.Count);
    }
}
