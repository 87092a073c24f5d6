namespace SuperConvergence.Silo.Persistence;

/// <summary>The database a silo keeps cluster state in: a local SQLite file (embedded) or PostgreSQL (cluster).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
