using SuperConvergence.Silo.Persistence;
using SuperConvergence.Silo.Persistence.Migrations;
using SuperConvergence.Silo.Tests.Support;

namespace SuperConvergence.Silo.Tests.Persistence.Migrations;

public sealed class SchemaScriptsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public void The_embedded_scripts_are_the_files_a_person_runs_by_hand(DatabaseProvider provider)
    {
        var folder = RepositoryPaths.SqlFolder(SchemaScripts.FolderName(provider));
        var onDisk = Directory.GetFiles(folder, "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        var embedded = SchemaScripts.For(provider);

        Assert.Equal(onDisk, embedded.Select(s => s.FileName));
        Assert.All(embedded, s => Assert.Equal(File.ReadAllText(Path.Combine(folder, s.FileName)), s.Sql));
    }

    [Fact]
    public void A_version_means_the_same_schema_in_both_dialects()
    {
        var postgres = SchemaScripts.For(DatabaseProvider.Postgres).ToDictionary(s => s.Version, s => s.Name);
        var sqlite = SchemaScripts.For(DatabaseProvider.Sqlite);

        Assert.Equal([1, 2, 3], postgres.Keys.Order());
        // Membership (version 1) has no SQLite form: the embedded silo clusters in-process.
        Assert.Equal([2, 3], sqlite.Select(s => s.Version));
        Assert.All(sqlite, s => Assert.Equal(postgres[s.Version], s.Name));
    }
}
