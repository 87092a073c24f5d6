namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>A connection string's password never reaches the terminal, whichever way it was written.</summary>
public sealed class PasswordMaskingTests
{
    public static TheoryData<string[]> CommandsTakingPostgres => new()
    {
        new[] { "db", "migrate" },
        new[] { "sweep", "list" },
        new[] { "sweep", "status", "some-sweep" },
        new[] { "silo", "--http-port", "0" },
    };

    [Theory]
    [MemberData(nameof(CommandsTakingPostgres))]
    public async Task A_uri_connection_string_is_bad_input_naming_postgres_with_its_password_masked(string[] command)
    {
        var outcome = await CliRunner.RunAsync([.. command, "--postgres", "postgresql://user:secret@127.0.0.1:1/db"]);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.DoesNotContain("secret", outcome.Error + outcome.Out, StringComparison.Ordinal);
        Assert.StartsWith("error: --postgres: 'postgresql://user:***@127.0.0.1:1/db' is not a PostgreSQL connection string", outcome.Error);
    }

    [Theory]
    [MemberData(nameof(CommandsTakingPostgres))]
    public async Task A_key_value_connection_string_that_cannot_work_is_masked_too(string[] command)
    {
        var outcome = await CliRunner.RunAsync([.. command, "--postgres", "Database=sc;Pwd=secret"]);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.DoesNotContain("secret", outcome.Error + outcome.Out, StringComparison.Ordinal);
        Assert.StartsWith("error: --postgres: 'Database=sc;Pwd=***' names no Host", outcome.Error);
    }
}
