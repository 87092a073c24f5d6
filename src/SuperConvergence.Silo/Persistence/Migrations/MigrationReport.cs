namespace SuperConvergence.Silo.Persistence.Migrations;

/// <summary>What a migration run did: the scripts it applied (none when the database was current) and the resulting version.</summary>
public sealed record MigrationReport(IReadOnlyList<SchemaScript> Applied, int SchemaVersion)
{
    public bool WasCurrent => Applied.Count == 0;
}
