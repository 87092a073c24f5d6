using Microsoft.Extensions.Logging;
using SuperConvergence.Silo.Persistence.Migrations;

namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// Brings the schema up to date at the very first silo lifecycle stage: Orleans' membership table and grain
/// storage read their queries from the database in later stages and would fail on a database without them.
/// With MigrateOnStart off it only checks, and stops the silo with what to run instead.
/// </summary>
internal sealed partial class SchemaMigrationParticipant(StorageSettings settings, ILogger<SchemaMigrator> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigrationParticipant), ServiceLifecycleStage.First, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var migrator = new SchemaMigrator(settings.Provider, settings.ConnectionString, logger);
        if (!settings.MigrateOnStart)
        {
            var pending = await migrator.FindPendingAsync(cancellationToken);
            if (pending.Count > 0)
            {
                throw new InvalidOperationException(
                    $"the database lacks schema version(s) {string.Join(", ", pending)}: run `sc db migrate` on it, or let the silo migrate at start (MigrateOnStart)");
            }

            return;
        }

        var report = await migrator.MigrateAsync(cancellationToken);
        LogSchemaCurrent(report.SchemaVersion, report.Applied.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema at version {Version} ({Applied} script(s) applied)")]
    private partial void LogSchemaCurrent(int version, int applied);
}
