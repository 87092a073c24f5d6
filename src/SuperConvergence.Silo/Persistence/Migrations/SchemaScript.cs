namespace SuperConvergence.Silo.Persistence.Migrations;

/// <summary>One versioned schema script, e.g. version 2 "orleans_grain_storage" from 0002_orleans_grain_storage.sql.</summary>
/// <remarks>A script records its own version in sc_schema_version, so that running it by hand counts as applied.</remarks>
public sealed record SchemaScript(int Version, string Name, string Sql)
{
    public string FileName => $"{Version:D4}_{Name}.sql";

    public override string ToString() => FileName;
}
