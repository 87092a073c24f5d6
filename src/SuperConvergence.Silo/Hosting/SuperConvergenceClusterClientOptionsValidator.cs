namespace SuperConvergence.Silo.Hosting;

/// <summary>Checks client options before the client connects; each failure names the field and its value.</summary>
public sealed class SuperConvergenceClusterClientOptionsValidator : IValidateOptions<SuperConvergenceClusterClientOptions>
{
    public ValidateOptionsResult Validate(string? name, SuperConvergenceClusterClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Gateway is not null)
        {
            if (options.PostgresConnectionString is not null)
            {
                failures.Add(Failure(nameof(options.Gateway), options.Gateway, $"and {nameof(options.PostgresConnectionString)} are both given; give one"));
            }
        }
        else if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            failures.Add(Failure(nameof(options.PostgresConnectionString), options.PostgresConnectionString, "is required"));
        }
        else if (ConnectionStrings.PostgresProblem(options.PostgresConnectionString) is { } problem)
        {
            failures.Add(Failure(nameof(options.PostgresConnectionString), ConnectionStrings.Redact(options.PostgresConnectionString), problem));
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add(Failure(nameof(options.ClusterId), options.ClusterId, "is required"));
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add(Failure(nameof(options.ServiceId), options.ServiceId, "is required"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Failure(string field, object? value, string problem) =>
        $"{nameof(SuperConvergenceClusterClientOptions)}.{field}: {(value is null ? "(none)" : $"'{value}'")} {problem}";
}
