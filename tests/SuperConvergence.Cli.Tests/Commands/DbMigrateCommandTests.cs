using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Network;
using SuperConvergence.Testing.Processes;
using SuperConvergence.Testing.Servers;

namespace SuperConvergence.Cli.Tests.Commands;

public sealed class DbMigrateCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("sc-cli-db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Migrating_a_new_SQLite_file_applies_every_version_and_a_second_run_applies_none()
    {
        var file = _directory.File("embedded.db");

        var first = await CliRunner.RunAsync("db", "migrate", "--sqlite", file);
        var second = await CliRunner.RunAsync("db", "migrate", "--sqlite", file);

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Equal(
            ["applied  0002_orleans_grain_storage.sql", "applied  0003_sc_checkpoints.sql", "schema   version 3 on Sqlite (2 version(s) applied)"],
            Lines(first.Out));
        Assert.Equal((ExitCodes.Ok, "schema   version 3 on Sqlite (already current)"), (second.ExitCode, second.Out.Trim()));
    }

    [Fact]
    public async Task Migrating_a_PostgreSQL_database_applies_membership_storage_and_checkpoints()
    {
        var database = await TestPostgres.CreateDatabaseAsync("sc_cli_migrate", TestContext.Current.CancellationToken);

        var outcome = await CliRunner.RunAsync("db", "migrate", "--postgres", database);

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(
            ["applied  0001_orleans_membership.sql", "applied  0002_orleans_grain_storage.sql", "applied  0003_sc_checkpoints.sql", "schema   version 3 on Postgres (3 version(s) applied)"],
            Lines(outcome.Out));
    }

    [Fact]
    public async Task Without_a_target_it_migrates_the_embedded_database_under_the_data_directory()
    {
        var sc = typeof(CliApp).Assembly.Location;

        var outcome = await CommandLineTool.RunAsync(
            "dotnet",
            [sc, "db", "migrate"],
            standardInput: null,
            TestContext.Current.CancellationToken,
            // With SC_POSTGRES or SC_POSTGRES_FILE set, `sc db migrate` would migrate that PostgreSQL database instead.
            new Dictionary<string, string> { ["SC_DATA"] = _directory.Path, ["SC_POSTGRES"] = "", ["SC_POSTGRES_FILE"] = "" });

        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.EndsWith("schema   version 3 on Sqlite (2 version(s) applied)", outcome.Output.Trim(), StringComparison.Ordinal);
        Assert.True(File.Exists(_directory.File("superconvergence.db")));
    }

    [Theory]
    [InlineData(new[] { "--postgres", "Host=db", "--sqlite", "x.db" }, "error: --sqlite: 'x.db' cannot be combined with --postgres")]
    [InlineData(new[] { "--postgres", "Database=sc;Password=hunter2" }, "error: --postgres: 'Database=sc;Password=***' names no Host")]
    [InlineData(new[] { "--sqlite", " " }, "error: --sqlite: ' ' is not a file name")]
    public async Task Bad_targets_are_refused_with_one_line_naming_the_flag_and_value(string[] flags, string expected)
    {
        var outcome = await CliRunner.RunAsync(["db", "migrate", .. flags]);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.StartsWith(expected, outcome.Error, StringComparison.Ordinal);
        Assert.Single(Lines(outcome.Error), line => line.StartsWith("error:", StringComparison.Ordinal));
        Assert.DoesNotContain("hunter2", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_is_not_a_database_file()
    {
        var outcome = await CliRunner.RunAsync("db", "migrate", "--sqlite", _directory.Path);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.StartsWith($"error: --sqlite: '{_directory.Path}' is a directory", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_failure_with_the_reason_and_no_stack_trace()
    {
        var port = FreePorts.Take(1)[0];

        var outcome = await CliRunner.RunAsync("db", "migrate", "--postgres", $"Host=127.0.0.1;Port={port};Username=sc;Password=hunter2;Timeout=5");

        Assert.Equal(ExitCodes.Failure, outcome.ExitCode);
        Assert.StartsWith($"error: cannot migrate Host=127.0.0.1;Port={port};Username=sc;Password=***;Timeout=5: ", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", outcome.Error, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
