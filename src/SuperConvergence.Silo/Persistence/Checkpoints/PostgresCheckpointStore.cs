using Npgsql;

namespace SuperConvergence.Silo.Persistence.Checkpoints;

/// <summary>Checkpoints in PostgreSQL's sc_checkpoint table (schema version 3): every worker of the cluster reaches them.</summary>
public sealed class PostgresCheckpointStore(string connectionString) : ICheckpointStore, IAsyncDisposable, IDisposable
{
    public const string StoreName = "pg";

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task<string> SaveAsync(string trialId, int epoch, byte[] state, CancellationToken cancellationToken = default)
    {
        CheckpointReference.ValidateSave(trialId, epoch, state);
        await using var command = _dataSource.CreateCommand(
            """
            INSERT INTO sc_checkpoint (trial_id, epoch, state) VALUES ($1, $2, $3)
            ON CONFLICT (trial_id, epoch) DO UPDATE SET state = excluded.state, saved_at = now()
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = trialId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = epoch });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = state });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new CheckpointReference(StoreName, epoch, trialId).ToString();
    }

    public async Task<byte[]?> LoadAsync(string reference, CancellationToken cancellationToken = default)
    {
        var parsed = CheckpointReference.Parse(reference, StoreName);
        await using var command = _dataSource.CreateCommand("SELECT state FROM sc_checkpoint WHERE trial_id = $1 AND epoch = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parsed.TrialId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = parsed.Epoch });
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task DeleteBeforeAsync(string trialId, int epoch, CancellationToken cancellationToken = default)
    {
        CheckpointReference.ValidateTrialId(trialId);
        await using var command = _dataSource.CreateCommand("DELETE FROM sc_checkpoint WHERE trial_id = $1 AND epoch < $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = trialId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = epoch });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteTrialAsync(string trialId, CancellationToken cancellationToken = default)
    {
        CheckpointReference.ValidateTrialId(trialId);
        await using var command = _dataSource.CreateCommand("DELETE FROM sc_checkpoint WHERE trial_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = trialId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
