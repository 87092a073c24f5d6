namespace SuperConvergence.Silo.Persistence.Checkpoints;

/// <summary>Where checkpoints go: files in a directory (local, or shared by all workers), or the cluster's database.</summary>
public enum CheckpointStoreKind
{
    Directory,
    Database,
}
