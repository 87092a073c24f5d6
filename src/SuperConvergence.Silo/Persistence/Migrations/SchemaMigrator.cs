using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SuperConvergence.Silo.Persistence.Migrations;

/// <summary>
/// Brings a database to the schema this build expects by applying the embedded scripts it has not seen yet,
/// all in one transaction under the database's migration lock. Running it again, or from several silos at
/// once, changes nothing once the database is current.
/// </summary>
public sealed partial class SchemaMigrator(DatabaseProvider provider, string connectionString, ILogger<SchemaMigrator>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<SchemaMigrator>.Instance;

    public DatabaseProvider Provider { get; } = provider;

    public IReadOnlyList<SchemaScript> Scripts => SchemaScripts.For(Provider);

    public async Task<MigrationReport> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var session = await MigrationSession.OpenExclusiveAsync(Provider, connectionString, cancellationToken);
        var applied = new HashSet<int>(await session.ReadAppliedVersionsAsync(cancellationToken));
        var pending = Scripts.Where(s => !applied.Contains(s.Version)).ToList();
        foreach (var script in pending)
        {
            await session.ExecuteAsync(script.Sql, cancellationToken);
            applied = new HashSet<int>(await session.ReadAppliedVersionsAsync(cancellationToken));
            if (!applied.Contains(script.Version))
            {
                // A script that does not record itself would be applied again on every start.
                throw new InvalidOperationException($"schema script {script.FileName} ran but did not record version {script.Version} in sc_schema_version");
            }
        }

        await session.CommitAsync(cancellationToken);
        var version = applied.Count == 0 ? 0 : applied.Max();
        foreach (var script in pending)
        {
            LogScriptApplied(_logger, script.FileName, Provider);
        }

        return new MigrationReport(pending, version);
    }

    /// <summary>The scripts this build has that the database has not recorded; changes nothing.</summary>
    public async Task<IReadOnlyList<SchemaScript>> FindPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var session = await MigrationSession.OpenExclusiveAsync(Provider, connectionString, cancellationToken);
        var applied = await session.ReadAppliedVersionsAsync(cancellationToken);
        return Scripts.Where(s => !applied.Contains(s.Version)).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema script {Script} ({Provider})")]
    private static partial void LogScriptApplied(ILogger logger, string script, DatabaseProvider provider);
}
