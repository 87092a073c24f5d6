namespace SuperConvergence.Silo.Hosting;

/// <summary>Checks storage options before anything opens a database; each failure names the field and its value.</summary>
public sealed class SuperConvergenceStorageOptionsValidator : IValidateOptions<SuperConvergenceStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, SuperConvergenceStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add(Failure(nameof(options.Provider), options.Provider, "is not a database provider (Sqlite or Postgres)"));
        }

        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                failures.Add(Failure(nameof(options.ConnectionString), options.ConnectionString, "is required when Provider is Postgres"));
            }
            else if (ConnectionStrings.PostgresProblem(options.ConnectionString) is { } problem)
            {
                failures.Add(Failure(nameof(options.ConnectionString), ConnectionStrings.Redact(options.ConnectionString), problem));
            }
        }
        else if (options.ConnectionString is not null && ConnectionStrings.SqliteProblem(options.ConnectionString) is { } problem)
        {
            failures.Add(Failure(nameof(options.ConnectionString), ConnectionStrings.Redact(options.ConnectionString), problem));
        }

        if (options.DataDirectory is not null && string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add(Failure(nameof(options.DataDirectory), options.DataDirectory, "is blank"));
        }

        if (options.CheckpointStore is { } kind && !Enum.IsDefined(kind))
        {
            failures.Add(Failure(nameof(options.CheckpointStore), kind, "is not a checkpoint store (Directory or Database)"));
        }

        if (options.CheckpointDirectory is not null)
        {
            if (string.IsNullOrWhiteSpace(options.CheckpointDirectory))
            {
                failures.Add(Failure(nameof(options.CheckpointDirectory), options.CheckpointDirectory, "is blank"));
            }
            else if (options.CheckpointStore == CheckpointStoreKind.Database
                     || (options.CheckpointStore is null && options.Provider == DatabaseProvider.Postgres))
            {
                failures.Add(Failure(nameof(options.CheckpointDirectory), options.CheckpointDirectory, "is set but checkpoints go to the database; set CheckpointStore to Directory"));
            }
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add(Failure(nameof(options.ClusterId), options.ClusterId, "is required"));
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add(Failure(nameof(options.ServiceId), options.ServiceId, "is required"));
        }

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            if (options.EmbeddedSiloPort is < 1 or > 65535)
            {
                failures.Add(Failure(nameof(options.EmbeddedSiloPort), options.EmbeddedSiloPort, "is not a TCP port (1-65535)"));
            }

            if (options.EmbeddedGatewayPort is < 1 or > 65535)
            {
                failures.Add(Failure(nameof(options.EmbeddedGatewayPort), options.EmbeddedGatewayPort, "is not a TCP port (1-65535)"));
            }
            else if (options.EmbeddedGatewayPort == options.EmbeddedSiloPort)
            {
                failures.Add(Failure(nameof(options.EmbeddedGatewayPort), options.EmbeddedGatewayPort, "is the same as EmbeddedSiloPort"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Failure(string field, object? value, string problem) =>
        $"{nameof(SuperConvergenceStorageOptions)}.{field}: {(value is null ? "(none)" : $"'{value}'")} {problem}";
}
