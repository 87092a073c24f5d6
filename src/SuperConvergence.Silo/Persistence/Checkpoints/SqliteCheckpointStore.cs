using System.Data.Common;

namespace SuperConvergence.Silo.Persistence.Checkpoints;

/// <summary>Checkpoints in the embedded database file's sc_checkpoint table (schema version 3).</summary>
public sealed class SqliteCheckpointStore : ICheckpointStore
{
    public const string StoreName = "sqlite";

    private readonly DbDataSource _dataSource;

    public SqliteCheckpointStore(string connectionString)
        : this(new WaitingSqliteDataSource(connectionString))
    {
    }

    /// <summary>Checkpoints through the silo's one data source of the file, taking turns with grain storage.</summary>
    internal SqliteCheckpointStore(DbDataSource dataSource) => this._dataSource = dataSource;

    public async Task<string> SaveAsync(string trialId, int epoch, byte[] state, CancellationToken cancellationToken = default)
    {
        CheckpointReference.ValidateSave(trialId, epoch, state);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            INSERT INTO sc_checkpoint (trial_id, epoch, state) VALUES (@trial, @epoch, @state)
            ON CONFLICT (trial_id, epoch) DO UPDATE
            SET state = excluded.state, saved_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            """;
        command.Parameters.AddWithValue("@trial", trialId);
        command.Parameters.AddWithValue("@epoch", epoch);
        command.Parameters.Add("@state", SqliteType.Blob).Value = state;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new CheckpointReference(StoreName, epoch, trialId).ToString();
    }

    public async Task<byte[]?> LoadAsync(string reference, CancellationToken cancellationToken = default)
    {
        var parsed = CheckpointReference.Parse(reference, StoreName);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state FROM sc_checkpoint WHERE trial_id = @trial AND epoch = @epoch";
        command.Parameters.AddWithValue("@trial", parsed.TrialId);
        command.Parameters.AddWithValue("@epoch", parsed.Epoch);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task DeleteBeforeAsync(string trialId, int epoch, CancellationToken cancellationToken = default)
    {
        CheckpointReference.ValidateTrialId(trialId);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM sc_checkpoint WHERE trial_id = @trial AND epoch < @epoch";
        command.Parameters.AddWithValue("@trial", trialId);
        command.Parameters.AddWithValue("@epoch", epoch);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteTrialAsync(string trialId, CancellationToken cancellationToken = default)
    {
        CheckpointReference.ValidateTrialId(trialId);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM sc_checkpoint WHERE trial_id = @trial";
        command.Parameters.AddWithValue("@trial", trialId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) =>
        (SqliteConnection)await _dataSource.OpenConnectionAsync(cancellationToken);
}
