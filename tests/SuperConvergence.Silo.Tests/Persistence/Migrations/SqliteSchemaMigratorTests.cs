using Microsoft.Data.Sqlite;
using SuperConvergence.Silo.Tests.Support;
using SuperConvergence.Testing.Processes;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Runtime;

namespace SuperConvergence.Silo.Tests.Persistence.Migrations;

public sealed class SqliteSchemaMigratorTests : SchemaMigratorContract, IDisposable
{
    private readonly TemporaryDirectory _directory = new("sc-migrate");

    public void Dispose() => _directory.Dispose();

    protected override Task<TestDatabase> CreateEmptyDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite(_directory.Path));

    protected override async Task ApplyByHandAsync(TestDatabase database, string scriptPath)
    {
        var sqlite3 = CommandLineTool.Find("sqlite3");
        Assert.SkipWhen(sqlite3 is null, "needs sqlite3 on PATH (Debian package sqlite3) for the by-hand route");
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var script = $"BEGIN IMMEDIATE;\n{await File.ReadAllTextAsync(scriptPath, Cancellation)}\nCOMMIT;\n";
        var result = await CommandLineTool.RunAsync(sqlite3!, ["-bail", file], script, Cancellation);
        Assert.True(result.ExitCode == 0, $"sqlite3 failed on {scriptPath}: {result.Error}");
    }

    [Fact]
    public async Task The_database_file_and_its_folder_are_created_on_first_migration()
    {
        var file = Path.Combine(_directory.Path, "nested", "deeper", "state.db");

        await new SuperConvergence.Silo.Persistence.Migrations.SchemaMigrator(
            SuperConvergence.Silo.Persistence.DatabaseProvider.Sqlite,
            SuperConvergence.Silo.Persistence.ConnectionStrings.ForSqliteFile(file)).MigrateAsync(Cancellation);

        Assert.True(File.Exists(file));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_database_its_journal_and_the_folders_made_for_it_are_for_their_owner_only()
    {
        var folder = Path.Combine(_directory.Path, "private");
        var file = Path.Combine(folder, "state.db");
        var connectionString = SuperConvergence.Silo.Persistence.ConnectionStrings.ForSqliteFile(file);

        await new SuperConvergence.Silo.Persistence.Migrations.SchemaMigrator(SuperConvergence.Silo.Persistence.DatabaseProvider.Sqlite, connectionString).MigrateAsync(Cancellation);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(Cancellation);

        Assert.Equal(OwnerOnlyFiles.FolderMode, File.GetUnixFileMode(folder));
        Assert.All(Directory.GetFiles(folder, "state.db*"), f => Assert.Equal(OwnerOnlyFiles.FileMode, File.GetUnixFileMode(f)));
        Assert.Contains(Path.Combine(folder, "state.db-wal"), Directory.GetFiles(folder));
    }
}
